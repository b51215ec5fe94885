// Ported from hadolint test/Hadolint/Rule/DL3032Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 10 cases, as DW029 (clean the yum cache).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3032 as DW029: clean the yum cache', () => {
  const count = runSpecTable({ ruleId: 'DW029', from: 'FROM rockylinux:9' }, [
    catches('RUN yum install -y mariadb-10.4'),
    onBuildCatches('RUN yum install -y mariadb-10.4'),
    catchesNot('RUN yum install -y mariadb-10.4 && yum clean all'),
    catchesNot('RUN bash -c `# not even a yum command`'),
    onBuildCatchesNot('RUN yum install -y mariadb-10.4 && yum clean all'),
    onBuildCatchesNot('RUN bash -c `# not even a yum command`'),
    catchesNot('RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*'),
    onBuildCatchesNot('RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*'),
    catchesNot('RUN yum install -y mariadb-10.4 && yum clean all'),
    catches('RUN yum clean all && yum install -y'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(10));
});
