// Ported from hadolint test/Hadolint/Rule/DL3038Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 10 cases, as DW028 (answer dnf with -y).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3038 as DW028: answer dnf with -y', () => {
  const count = runSpecTable({ ruleId: 'DW028', from: 'FROM fedora:40' }, [
    catches('RUN dnf install httpd-2.4.24 && dnf clean all'),
    catches('RUN microdnf install httpd-2.4.24 && microdnf clean all'),
    onBuildCatches('RUN dnf install httpd-2.4.24 && dnf clean all'),
    onBuildCatches('RUN microdnf install httpd-2.4.24 && microdnf clean all'),
    catchesNot('RUN dnf install -y httpd-2.4.24 && dnf clean all'),
    catchesNot('RUN microdnf install -y httpd-2.4.24 && microdnf clean all'),
    catchesNot('RUN notdnf install httpd'),
    onBuildCatchesNot('RUN dnf install -y httpd-2.4.24 && dnf clean all'),
    onBuildCatchesNot('RUN microdnf install -y httpd-2.4.24 && microdnf clean all'),
    onBuildCatchesNot('RUN notdnf install httpd'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(10));
});
