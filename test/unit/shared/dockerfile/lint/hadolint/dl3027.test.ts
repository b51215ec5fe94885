// Ported from hadolint test/Hadolint/Rule/DL3027Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 2 cases, as DW024 (use apt-get instead of apt).
import { describe, expect, it } from 'vitest';
import { catches, onBuildCatches, runSpecTable } from './hadolint-table';

describe('hadolint DL3027 as DW024: use apt-get instead of apt', () => {
  const count = runSpecTable({ ruleId: 'DW024', from: 'FROM debian:12-slim' }, [
    catches('FROM ubuntu\nRUN apt install python\n'),
    onBuildCatches('FROM ubuntu\nRUN apt install python\n'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(2));
});
