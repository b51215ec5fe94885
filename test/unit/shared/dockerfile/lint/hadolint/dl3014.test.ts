/**
 * hadolint DL3014 (Use the -y switch) ↔ DW005.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3014Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3014',
  rule: { id: 'DW005' },
  cases: [
    { name: 'apt-get auto yes', hadolint: true, dockerfile: ['RUN apt-get install python'] },
    { name: 'apt-get auto yes', onbuild: true, hadolint: true, dockerfile: ['RUN apt-get install python'] },
    { name: 'apt-get -q', hadolint: true, dockerfile: ['RUN apt-get install -q python'] },
    { name: 'apt-get -q', onbuild: true, hadolint: true, dockerfile: ['RUN apt-get install -q python'] },
    { name: 'apt-get --quiet', hadolint: true, dockerfile: ['RUN apt-get install --quiet python'] },
    { name: 'apt-get --quiet', onbuild: true, hadolint: true, dockerfile: ['RUN apt-get install -q python'] },
    { name: 'apt-get yes shortflag', hadolint: false, dockerfile: ['RUN apt-get install -yq python'] },
    {
      name: 'apt-get yes shortflag',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get install -yq python'],
    },
    { name: 'apt-get yes different pos', hadolint: false, dockerfile: ['RUN apt-get install -y python'] },
    {
      name: 'apt-get yes different pos',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get install -y python'],
    },
    { name: 'apt-get with auto yes', hadolint: false, dockerfile: ['RUN apt-get -y install python'] },
    {
      name: 'apt-get with auto yes',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get -y install python'],
    },
    {
      name: 'apt-get with auto expanded yes',
      hadolint: false,
      dockerfile: ['RUN apt-get --yes install python'],
    },
    {
      name: 'apt-get with auto expanded yes',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get --yes install python'],
    },
    {
      name: 'apt-get with assume-yes',
      hadolint: false,
      dockerfile: ['RUN apt-get --assume-yes install python'],
    },
    {
      name: 'apt-get with assume-yes',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get --assume-yes install python'],
    },
    { name: 'apt-get -qq', hadolint: false, dockerfile: ['RUN apt-get install -qq python'] },
    { name: 'apt-get -qq', onbuild: true, hadolint: false, dockerfile: ['RUN apt-get install -qq python'] },
    { name: 'apt-get -q -q', hadolint: false, dockerfile: ['RUN apt-get install -q -q python'] },
    {
      name: 'apt-get -q -q',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get install -q -q python'],
    },
    { name: 'apt-get -q=2', hadolint: false, dockerfile: ['RUN apt-get install -q=2 python'] },
    { name: 'apt-get -q=2', onbuild: true, hadolint: false, dockerfile: ['RUN apt-get install -q=2 python'] },
    {
      name: 'apt-get --quiet --quiet',
      hadolint: false,
      dockerfile: ['RUN apt-get install --quiet --quiet python'],
    },
    {
      name: 'apt-get --quiet --quiet',
      onbuild: true,
      hadolint: false,
      dockerfile: ['RUN apt-get install --quiet --quiet python'],
    },
  ],
});
