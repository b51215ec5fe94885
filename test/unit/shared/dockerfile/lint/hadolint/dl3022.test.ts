// Ported from hadolint test/Hadolint/Rule/DL3022Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 7 cases, as DW027 (COPY --from should name a stage defined above).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3022 as DW027: COPY --from should name a stage defined above', () => {
  const count = runSpecTable({ ruleId: 'DW027', from: null }, [
    catches('COPY --from=foo bar .'),
    catches('FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n'),
    catchesNot('FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz\n'),
    catchesNot('COPY --from=haskell:latest bar .'),
    catches('COPY --from=0 bar .'),
    catchesNot('FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .\n'),
    catchesNot('FROM scratch\nRUN foo\nFROM node\nCOPY --from=0 foo .\n'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(7));
});
