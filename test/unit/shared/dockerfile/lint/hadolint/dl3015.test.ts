/**
 * hadolint DL3015 (Avoid additional packages by specifying --no-install-recommends) ↔ DW006.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3015Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3015',
  rule: { id: 'DW006' },
  cases: [
    {
      name: 'apt-get install recommends',
      hadolint: false,
      dockerfile: ['RUN apt-get install --no-install-recommends python'],
    },
    {
      name: 'apt-get install recommends',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get install --no-install-recommends python'],
    },
    { name: 'apt-get no install recommends', hadolint: true, dockerfile: ['RUN apt-get install python'] },
    {
      name: 'apt-get no install recommends',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN apt-get install python'],
    },
    { name: 'apt-get no install recommends', hadolint: true, dockerfile: ['RUN apt-get -y install python'] },
    {
      name: 'apt-get no install recommends',
      onbuild: true,
      hadolint: true,
      dockerfile: ['RUN apt-get -y install python'],
    },
    {
      name: 'apt-get no install recommends via option',
      hadolint: false,
      dockerfile: ['RUN apt-get -o APT::Install-Recommends=false install python'],
    },
    {
      name: 'apt-get no install recommends via option',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get -o APT::Install-Recommends=false install python'],
    },
  ],
});
