/**
 * hadolint DL3011 (Valid UNIX ports range from 0 to 65535) ↔ DW000 (dockerfile-utils INVALID_PORT and our own range check).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3011Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3011',
  rule: { id: 'DW000', message: /port/i },
  cases: [
    { name: 'invalid port', hadolint: true, dockerfile: ['EXPOSE 80000'] },
    { name: 'valid port', hadolint: false, dockerfile: ['EXPOSE 60000'] },
    { name: 'valid port variable', hadolint: false, dockerfile: ['EXPOSE ${FOOBAR}'] },
    { name: 'invalid port in range', hadolint: true, dockerfile: ['EXPOSE 40000-80000/tcp'] },
    { name: 'valid port range', hadolint: false, dockerfile: ['EXPOSE 40000-60000/tcp'] },
    { name: 'valid port range variable', hadolint: false, dockerfile: ['EXPOSE 40000-${FOOBAR}'] },
  ],
});
