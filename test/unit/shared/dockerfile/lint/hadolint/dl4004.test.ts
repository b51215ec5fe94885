/**
 * hadolint DL4004 (Multiple ENTRYPOINT instructions found) ↔ DW000 (dockerfile-utils: MULTIPLE_INSTRUCTIONS).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL4004Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL4004',
  rule: { id: 'DW000', message: /one ENTRYPOINT/ },
  cases: [
    { name: 'no cmd', hadolint: false, dockerfile: ['FROM busybox'] },
    {
      name: 'many entrypoints',
      hadolint: true,
      dockerfile: ['FROM debian', 'ENTRYPOINT bash', 'RUN foo', 'ENTRYPOINT another'],
    },
    {
      name: 'single entrypoint, different stages',
      hadolint: false,
      dockerfile: [
        'FROM debian as distro1',
        'ENTRYPOINT bash',
        'RUN foo',
        'FROM debian as distro2',
        'ENTRYPOINT another',
      ],
    },
    {
      name: 'many entrypoints, different stages',
      hadolint: true,
      dockerfile: [
        'FROM debian as distro1',
        'ENTRYPOINT bash',
        'RUN foo',
        'ENTRYPOINT another',
        'FROM debian as distro2',
        'ENTRYPOINT another',
      ],
    },
    { name: 'single entry', hadolint: false, dockerfile: ['ENTRYPOINT /bin/true'] },
    { name: 'no entry', hadolint: false, dockerfile: ['FROM busybox'] },
  ],
});
