/**
 * hadolint DL4000 (MAINTAINER is deprecated) ↔ DW000 (dockerfile-utils: DEPRECATED_MAINTAINER).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL4000Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL4000',
  rule: { id: 'DW000', message: /MAINTAINER has been deprecated/ },
  cases: [
    {
      name: 'has deprecated maintainer',
      hadolint: true,
      dockerfile: ['FROM busybox', 'MAINTAINER hudu@mail.com'],
    },
    { name: 'has maintainer', hadolint: true, dockerfile: ['FROM debian', 'MAINTAINER Lukas'] },
    { name: 'has maintainer first', hadolint: true, dockerfile: ['MAINTAINER Lukas', 'FROM DEBIAN'] },
    { name: 'has no maintainer', hadolint: false, dockerfile: ['FROM debian'] },
  ],
});
