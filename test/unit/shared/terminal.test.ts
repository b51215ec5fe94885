import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../src/shared/api';
import { TERMINAL_INPUT_MAX_BYTES } from '../../../src/shared/terminal';

const SESSION = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('terminal request schemas', () => {
  it('fills in an exec request: the image picks the shell, user and folder are the container’s', () => {
    expect(requestSchemas['terminal:open'].parse({ containerId: 'web-1', cols: 80, rows: 24 })).toEqual({
      containerId: 'web-1',
      command: null,
      user: null,
      workdir: null,
      cols: 80,
      rows: 24,
    });
  });

  it.each([
    [{ containerId: '../etc', cols: 80, rows: 24 }, 'containerId'],
    [{ containerId: 'web', cols: 0, rows: 24 }, 'cols'],
    [{ containerId: 'web', cols: 80, rows: 100_000 }, 'rows'],
    [{ containerId: 'web', cols: 80.5, rows: 24 }, 'cols'],
    [{ containerId: 'web', cols: 80, rows: 24, command: [] }, 'command'],
    [{ containerId: 'web', cols: 80, rows: 24, workdir: 'relative' }, 'workdir'],
    [{ containerId: 'web', cols: 80, rows: 24, privileged: true }, ''],
  ])('refuses %j (at %s)', (input, field) => {
    const parsed = requestSchemas['terminal:open'].safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
  });

  it('takes a session id only in the form main makes them', () => {
    expect(requestSchemas['terminal:close'].safeParse({ sessionId: SESSION }).success).toBe(true);
    expect(requestSchemas['terminal:close'].safeParse({ sessionId: '1' }).success).toBe(false);
    expect(requestSchemas['terminal:close'].safeParse({ sessionId: '__proto__' }).success).toBe(false);
  });

  it('bounds one input message in UTF-8 bytes, not characters', () => {
    const input = requestSchemas['terminal:input'];
    expect(input.safeParse({ sessionId: SESSION, data: 'a'.repeat(TERMINAL_INPUT_MAX_BYTES) }).success).toBe(
      true,
    );
    expect(
      input.safeParse({ sessionId: SESSION, data: 'é'.repeat(TERMINAL_INPUT_MAX_BYTES / 2 + 1) }).success,
    ).toBe(false);
    expect(input.safeParse({ sessionId: SESSION, data: '' }).success).toBe(false);
  });

  it('takes only positive whole acks', () => {
    const ack = requestSchemas['terminal:ack'];
    expect(ack.safeParse({ sessionId: SESSION, bytes: 4096 }).success).toBe(true);
    expect(ack.safeParse({ sessionId: SESSION, bytes: -1 }).success).toBe(false);
    expect(ack.safeParse({ sessionId: SESSION, bytes: 1.5 }).success).toBe(false);
  });
});
