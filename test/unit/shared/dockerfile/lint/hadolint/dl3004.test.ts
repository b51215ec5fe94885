// Ported from hadolint test/Hadolint/Rule/DL3004Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 6 cases, as DW023 (don't use sudo in RUN).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe("hadolint DL3004 as DW023: don't use sudo in RUN", () => {
  const count = runSpecTable({ ruleId: 'DW023', from: 'FROM debian:12-slim' }, [
    catches('RUN sudo apt-get update'),
    onBuildCatches('RUN sudo apt-get update'),
    catchesNot('RUN apt-get install sudo'),
    onBuildCatchesNot('RUN apt-get install sudo'),
    catches('RUN apt-get update && sudo apt-get install'),
    onBuildCatches('RUN apt-get update && sudo apt-get install'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(6));
});
