// Ported from hadolint test/Hadolint/Rule/DL3034Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 10 cases, as DW028 (answer zypper non-interactively).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3034 as DW028: answer zypper non-interactively', () => {
  const count = runSpecTable({ ruleId: 'DW028', from: 'FROM opensuse/leap:15.6' }, [
    catches('RUN zypper install httpd=2.4.24 && zypper clean'),
    onBuildCatches('RUN zypper install httpd=2.4.24 && zypper clean'),
    catchesNot('RUN zypper install -n httpd=2.4.24 && zypper clean'),
    catchesNot('RUN zypper install --non-interactive httpd=2.4.24 && zypper clean'),
    catchesNot('RUN zypper install -y httpd=2.4.24 && zypper clean'),
    catchesNot('RUN zypper install --no-confirm httpd=2.4.24 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -n httpd=2.4.24 && zypper clean'),
    onBuildCatchesNot('RUN zypper install --non-interactive httpd=2.4.24 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y httpd=2.4.24 && zypper clean'),
    onBuildCatchesNot('RUN zypper install --no-confirm httpd=2.4.24 && zypper clean'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(10));
});
