/**
 * hadolint DL3012 (Multiple HEALTHCHECK instructions) ↔ DW000 (dockerfile-utils: MULTIPLE_INSTRUCTIONS).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3012Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3012',
  rule: { id: 'DW000', message: /one HEALTHCHECK/ },
  cases: [
    { name: 'ok with no HEALTHCHECK instruction', hadolint: false, dockerfile: ['FROM scratch'] },
    {
      name: 'ok with one HEALTHCHECK instruction',
      hadolint: false,
      dockerfile: ['FROM scratch', 'HEALTHCHECK CMD /bin/bla'],
    },
    {
      name: 'ok with two HEALTHCHECK instructions in two stages',
      hadolint: false,
      dockerfile: ['FROM scratch', 'HEALTHCHECK CMD /bin/bla1', 'FROM scratch', 'HEALTHCHECK CMD /bin/bla2'],
    },
    {
      name: 'warn with two HEALTHCHECK instructions',
      hadolint: true,
      dockerfile: ['FROM scratch', 'HEALTHCHECK CMD /bin/bla1', 'HEALTHCHECK CMD /bin/bla2'],
    },
  ],
});
