import { describe, expect, it } from 'vitest';
import { parseSocketMessage, parseSocketRequest } from '../../../src/shared/browser-wire';

describe('parseSocketRequest', () => {
  it('reads a well-formed request', () => {
    expect(parseSocketRequest('{"t":"req","id":3,"channel":"images:list","input":{}}')).toEqual({
      t: 'req',
      id: 3,
      channel: 'images:list',
      input: {},
    });
  });

  it('reads a ping', () => {
    expect(parseSocketRequest('{"t":"ping","id":9}')).toEqual({ t: 'ping', id: 9 });
  });

  it.each([
    '{"t":"ping"}',
    'not json',
    'null',
    '[]',
    '{"t":"res","id":1,"channel":"x"}',
    '{"t":"req","id":"1","channel":"x"}',
    '{"t":"req","id":1.5,"channel":"x"}',
    '{"t":"req","id":1,"channel":7}',
  ])('refuses %s', (text) => {
    expect(parseSocketRequest(text)).toBeNull();
  });
});

describe('parseSocketMessage', () => {
  it('reads a pong', () => {
    expect(parseSocketMessage('{"t":"pong","id":9,"extra":1}')).toEqual({ t: 'pong', id: 9 });
  });

  it('reads an answer and an event', () => {
    expect(parseSocketMessage('{"t":"res","id":4,"result":{"ok":true,"value":null}}')).toEqual({
      t: 'res',
      id: 4,
      result: { ok: true, value: null },
    });
    expect(parseSocketMessage('{"t":"evt","event":"images:event","payload":{"action":"tag"}}')).toEqual({
      t: 'evt',
      event: 'images:event',
      payload: { action: 'tag' },
    });
  });

  it.each([
    'not json',
    'null',
    '{"t":"req","id":1,"channel":"x"}',
    '{"t":"res","id":"4"}',
    '{"t":"evt","event":3}',
  ])('ignores %s', (text) => {
    expect(parseSocketMessage(text)).toBeNull();
  });
});
