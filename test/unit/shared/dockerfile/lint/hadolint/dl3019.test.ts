/**
 * hadolint DL3019 (Use the --no-cache switch) ↔ DW009.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3019Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3019',
  rule: { id: 'DW009' },
  cases: [
    { name: 'warn: apk add without --no-cache', hadolint: true, dockerfile: ['RUN apk add flex=2.6.4-r1'] },
    {
      name: 'warn: apk add without --no-cache',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN apk add flex=2.6.4-r1'],
    },
    {
      name: "don't warn: apk add with --no-cache",
      hadolint: false,
      dockerfile: ['RUN apk add --no-cache flex=2.6.4-r1'],
    },
    {
      name: "don't warn: apk add with --no-cache",
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apk add --no-cache flex=2.6.4-r1'],
    },
    {
      name: "don't warn: apk add with BuildKit cache mount",
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0'],
    },
    {
      name: "don't warn: apk add with BuildKit cache mount",
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0'],
    },
    {
      name: "don't warn: apk add with BuildKit tmpfs mount",
      hadolint: false,
      dockerfile: ['RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0'],
    },
    {
      name: "don't warn: apk add with BuildKit tmpfs mount",
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0'],
    },
    {
      name: "don't warn: apk add with BuildKit cache mount in wrong dir and --no-cache",
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0'],
    },
    {
      name: "don't warn: apk add with BuildKit cache mount in wrong dir and --no-cache",
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0'],
    },
    {
      name: 'warn: apk add with BuildKit cache mount to wrong dir',
      hadolint: true,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0'],
    },
    {
      name: 'warn: apk add with BuildKit cache mount to wrong dir',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0'],
    },
    {
      name: 'warn: apk add with BuildKit tmpfs mount to wrong dir',
      hadolint: true,
      dockerfile: ['RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0'],
    },
    {
      name: 'warn: apk add with BuildKit tmpfs mount to wrong dir',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0'],
    },
  ],
});
