// Ported from hadolint test/Hadolint/Rule/DL3030Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 6 cases, as DW028 (answer yum with -y).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3030 as DW028: answer yum with -y', () => {
  const count = runSpecTable({ ruleId: 'DW028', from: 'FROM rockylinux:9' }, [
    catches('RUN yum install httpd-2.4.24 && yum clean all'),
    onBuildCatches('RUN yum install httpd-2.4.24 && yum clean all'),
    catchesNot('RUN yum install -y httpd-2.4.24 && yum clean all'),
    catchesNot('RUN bash -c `# not even a yum command`'),
    onBuildCatchesNot('RUN yum install -y httpd-2.4.24 && yum clean all'),
    onBuildCatchesNot('RUN bash -c `# not even a yum command`'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(6));
});
