/**
 * hadolint DL4003 (Multiple CMD instructions found) ↔ DW000 (dockerfile-utils: MULTIPLE_INSTRUCTIONS).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL4003Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL4003',
  rule: { id: 'DW000', message: /one CMD/ },
  cases: [
    { name: 'many cmds', hadolint: true, dockerfile: ['FROM debian', 'CMD bash', 'RUN foo', 'CMD another'] },
    {
      name: 'single cmds, different stages',
      hadolint: false,
      dockerfile: ['FROM debian as distro1', 'CMD bash', 'RUN foo', 'FROM debian as distro2', 'CMD another'],
    },
    {
      name: 'many cmds, different stages',
      hadolint: true,
      dockerfile: [
        'FROM debian as distro1',
        'CMD bash',
        'RUN foo',
        'CMD another',
        'FROM debian as distro2',
        'CMD another',
      ],
    },
    { name: 'single cmd', hadolint: false, dockerfile: ['CMD /bin/true'] },
  ],
});
