// Ported from hadolint test/Hadolint/Rule/DL3023Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 2 cases, as DW026 (COPY --from can't name its own stage).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, runSpecTable } from './hadolint-table';

describe("hadolint DL3023 as DW026: COPY --from can't name its own stage", () => {
  const count = runSpecTable({ ruleId: 'DW026', from: null }, [
    catches('FROM node as foo\nCOPY --from=foo bar .\n'),
    catchesNot('FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz\n'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(2));
});
