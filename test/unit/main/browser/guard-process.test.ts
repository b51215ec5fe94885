import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardProcess } from '../../../../src/main/browser/guard-process';

describe('guardProcess', () => {
  it('logs an uncaught exception with its stack instead of letting the process exit', () => {
    const events = new EventEmitter();
    const lines: string[] = [];
    guardProcess(events, (line) => lines.push(line));
    const error = new Error('handler blew up');
    expect(events.listenerCount('uncaughtException')).toBe(1);
    events.emit('uncaughtException', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Dockwright: uncaught exception \(kept serving; please report this\): Error: handler blew up\n/,
    );
  });

  it('logs an unhandled rejection, whatever was thrown', () => {
    const events = new EventEmitter();
    const lines: string[] = [];
    guardProcess(events, (line) => lines.push(line));
    events.emit('unhandledRejection', 'a string');
    expect(lines).toEqual([
      'Dockwright: uncaught promise rejection (kept serving; please report this): a string',
    ]);
  });
});
