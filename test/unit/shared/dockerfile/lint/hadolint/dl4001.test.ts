// Ported from hadolint test/Hadolint/Rule/DL4001Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 7 cases, as DW025 (use either curl or wget).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, failsWith, runSpecTable } from './hadolint-table';

describe('hadolint DL4001 as DW025: use either curl or wget', () => {
  const count = runSpecTable({ ruleId: 'DW025', from: 'FROM debian:12-slim' }, [
    catches('FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n'),
    catches('FROM node as foo\nRUN wget my.xyz && curl localhost\n'),
    catchesNot('FROM node as foo\nRUN wget my.xyz\n'),
    catchesNot('FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n'),
    catches('FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n'),
    failsWith(1, 'FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n'),
    failsWith(2, 'FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(7));
});
