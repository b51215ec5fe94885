/**
 * hadolint DL3009 (Delete the apt lists (/var/lib/apt/lists) after installing something) ↔ DW007.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3009Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3009',
  rule: { id: 'DW007' },
  cases: [
    {
      name: 'apt-get no cleanup',
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN apt-get update && apt-get install python'],
    },
    {
      name: 'apt-get no cleanup',
      onbuild: true,
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN apt-get update && apt-get install python'],
    },
    {
      name: 'apt-get cleanup in stage image',
      hadolint: false,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM scratch',
        'RUN echo hey!',
      ],
    },
    {
      name: 'apt-get cleanup in stage image',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM scratch',
        'RUN echo hey!',
      ],
      ours: false,
      why: "A trigger in a stage that does not ship never runs in an image you ship; hadolint's ONBUILD variant ignores stages.",
    },
    {
      name: 'apt-get no cleanup in last stage',
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN hey!',
        'FROM scratch',
        'RUN apt-get update && apt-get install python',
      ],
    },
    {
      name: 'apt-get no cleanup in last stage',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN hey!',
        'FROM scratch',
        'RUN apt-get update && apt-get install python',
      ],
    },
    {
      name: 'apt-get no cleanup in intermediate stage',
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM foo',
        'RUN hey!',
      ],
    },
    {
      name: 'apt-get no cleanup in intermediate stage',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM foo',
        'RUN hey!',
      ],
    },
    {
      name: 'no warn apt-get cleanup in intermediate stage that cleans lists',
      hadolint: false,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*',
        'FROM foo',
        'RUN hey!',
      ],
    },
    {
      name: 'no warn apt-get cleanup in intermediate stage that cleans lists',
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*',
        'FROM foo',
        'RUN hey!',
      ],
    },
    {
      name: 'no warn apt-get cleanup in intermediate stage when stage not used later',
      hadolint: false,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM scratch',
        'RUN hey!',
      ],
    },
    {
      name: 'no warn apt-get cleanup in intermediate stage when stage not used later',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'FROM ubuntu as foo',
        'RUN apt-get update && apt-get install python',
        'FROM scratch',
        'RUN hey!',
      ],
      ours: false,
      why: "A trigger in a stage that does not ship never runs in an image you ship; hadolint's ONBUILD variant ignores stages.",
    },
    {
      name: 'apt-get cleanup',
      hadolint: false,
      dockerfile: [
        'FROM scratch',
        'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*',
      ],
    },
    {
      name: 'apt-get cleanup',
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'FROM scratch',
        'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt lists directory",
      hadolint: false,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/lib/apt/lists \\    apt-get update && apt-get install python',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt lists directory",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/lib/apt/lists \\    apt-get update && apt-get install python',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt directories 1",
      hadolint: false,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/lib/apt \\    --mount=type=cache,target=/var/cache/apt \\    rm -f /etc/apt/apt.conf.d/docker-clean && \\    apt-get update && apt-get install python',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt directories 1",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/lib/apt \\    --mount=type=cache,target=/var/cache/apt \\    rm -f /etc/apt/apt.conf.d/docker-clean && \\    apt-get update && apt-get install python',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt directories 2",
      hadolint: false,
      dockerfile: [
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install foo',
      ],
    },
    {
      name: "don't warn: BuildKit cache mount to apt directories 2",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install foo',
      ],
    },
    {
      name: 'warn: BuildKit cache mount to apt cache directory only',
      hadolint: true,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    rm -f /etc/apt/apt.conf.d/docker-clean && \\',
        '    apt-get update && apt-get install python',
      ],
    },
    {
      name: 'warn: BuildKit cache mount to apt cache directory only',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    rm -f /etc/apt/apt.conf.d/docker-clean && \\',
        '    apt-get update && apt-get install python',
      ],
    },
    {
      name: 'warn: BuildKit cache mount to apt lists directory only',
      hadolint: true,
      dockerfile: [
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install python',
      ],
      ours: false,
      why: 'The lists live under /var/lib/apt, which the cache mount holds, so none of them reach the layer.',
    },
    {
      name: 'warn: BuildKit cache mount to apt lists directory only',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install python',
      ],
      ours: false,
      why: 'The lists live under /var/lib/apt, which the cache mount holds, so none of them reach the layer.',
    },
    {
      name: "don't warn: tmpfs mount to apt cache and lists directory",
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=tmpfs,target=/var/cache/apt \\',
        '  --mount=type=tmpfs,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: tmpfs mount to apt cache and lists directory",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=tmpfs,target=/var/cache/apt \\',
        '  --mount=type=tmpfs,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: tmpfs mount to apt cache and cache mount to lists directory",
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=tmpfs,target=/var/cache/apt \\',
        '  --mount=type=cache,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: tmpfs mount to apt cache and cache mount to lists directory",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=tmpfs,target=/var/cache/apt \\',
        '  --mount=type=cache,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: cache mount to apt cache and tmpfs mount to lists directory",
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=cache,target=/var/cache/apt \\',
        '  --mount=type=tmpfs,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: cache mount to apt cache and tmpfs mount to lists directory",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=cache,target=/var/cache/apt \\',
        '  --mount=type=tmpfs,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: cache mount to apt cache and lists directory",
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=cache,target=/var/cache/apt \\',
        '  --mount=type=cache,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: "don't warn: cache mount to apt cache and lists directory",
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'RUN \\',
        '  --mount=type=cache,target=/var/cache/apt \\',
        '  --mount=type=cache,target=/var/lib/apt \\',
        '  apt-get update',
      ],
    },
    {
      name: 'apt no cleanup',
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN apt update && apt install python'],
    },
    {
      name: 'apt no cleanup',
      onbuild: true,
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN apt update && apt install python'],
    },
    {
      name: 'apt cleanup',
      hadolint: false,
      dockerfile: ['FROM scratch', 'RUN apt update && apt install python && rm -rf /var/lib/apt/lists/*'],
    },
    {
      name: 'apt cleanup',
      onbuild: true,
      hadolint: false,
      dockerfile: ['FROM scratch', 'RUN apt update && apt install python && rm -rf /var/lib/apt/lists/*'],
    },
    {
      name: 'aptitude no cleanup',
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN aptitude update && aptitude install python'],
    },
    {
      name: 'aptitude no cleanup',
      onbuild: true,
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN aptitude update && aptitude install python'],
    },
    {
      name: 'aptitude cleanup',
      hadolint: false,
      dockerfile: [
        'FROM scratch',
        'RUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*',
      ],
    },
    {
      name: 'aptitude cleanup',
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'FROM scratch',
        'RUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*',
      ],
    },
  ],
});
