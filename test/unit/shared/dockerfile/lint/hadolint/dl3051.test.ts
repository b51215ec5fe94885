// Ported from hadolint test/Hadolint/Rule/DL3051Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 6 cases, as DW031 (required labels are not empty).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3051 as DW031: required labels are not empty', () => {
  const count = runSpecTable({ ruleId: 'DW031', from: null, options: { requiredLabels: ['emptylabel'] } }, [
    catches('LABEL emptylabel=""'),
    onBuildCatches('LABEL emptylabel=""'),
    catchesNot('LABEL emptylabel="foo"'),
    onBuildCatchesNot('LABEL emptylabel="bar"'),
    catchesNot('LABEL other=""'),
    onBuildCatchesNot('LABEL other=""'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(6));
});
