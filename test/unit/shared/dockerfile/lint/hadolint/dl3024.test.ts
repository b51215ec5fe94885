/**
 * hadolint DL3024 (FROM aliases (stage names) must be unique) ↔ DW000 (dockerfile-utils: DUPLICATE_BUILD_STAGE_NAME).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3024Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3024',
  rule: { id: 'DW000', message: /duplicate name/ },
  cases: [
    {
      name: 'warn on duplicate aliases',
      hadolint: true,
      dockerfile: ['FROM node as foo', 'RUN something', 'FROM scratch as foo', 'RUN something'],
    },
    {
      name: "don't warn on unique aliases",
      hadolint: false,
      dockerfile: ['FROM scratch as build', 'RUN foo', 'FROM node as run', 'RUN baz'],
    },
  ],
});
