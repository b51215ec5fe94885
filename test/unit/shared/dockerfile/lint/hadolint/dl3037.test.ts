// Ported from hadolint test/Hadolint/Rule/DL3037Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 14 cases, as DW030 (pin zypper package versions).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3037 as DW030: pin zypper package versions', () => {
  const count = runSpecTable({ ruleId: 'DW030', from: 'FROM opensuse/leap:15.6' }, [
    catches('RUN zypper install -y tomcat && zypper clean'),
    onBuildCatches('RUN zypper install -y tomcat && zypper clean'),
    catchesNot('RUN zypper install -y tomcat=9.0.39 && zypper clean'),
    catchesNot('RUN zypper install -y tomcat\\>=9.0 && zypper clean'),
    catchesNot('RUN zypper install -y tomcat\\>9.0 && zypper clean'),
    catchesNot('RUN zypper install -y tomcat\\<=9.0 && zypper clean'),
    catchesNot('RUN zypper install -y tomcat\\<9.0 && zypper clean'),
    catchesNot('RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat=9.0.39 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat\\>=9.0 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat\\>9.0 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat\\<=9.0 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat\\<9.0 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(14));
});
