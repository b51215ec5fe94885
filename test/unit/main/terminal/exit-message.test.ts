import { describe, expect, it } from 'vitest';
import { exitMessage } from '../../../../src/main/terminal/exit-message';

describe('exitMessage', () => {
  it.each([
    ['shell', 0, 'running', 'The shell exited with code 0.'],
    ['shell', 130, 'running', 'The shell exited with code 130.'],
    ['shell', null, 'unknown', 'The shell ended.'],
    ['shell', 137, 'stopped', 'The container stopped; this terminal has ended.'],
    ['shell', null, 'removed', 'The container was removed; this terminal has ended.'],
    ['process', 3, 'stopped', 'The process exited with code 3.'],
    ['process', null, 'removed', 'The container was removed; this terminal has ended.'],
  ] as const)('%s, exit %s, container %s: %s', (what, code, after, message) => {
    expect(exitMessage(what, code, after)).toBe(message);
  });
});
