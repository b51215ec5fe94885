import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../src/shared/engine-status';
import { createApi, type ApiTransport } from '../../../src/shared/create-api';

/** A transport held in memory: records invokes, answers with `answer`, and lets the test send events. */
class FakeTransport implements ApiTransport {
  invoked: [string, unknown][] = [];
  answer: unknown = { ok: true, value: null };
  subscriptions = 0;
  unsubscriptions = 0;
  private listeners = new Set<(event: string, payload: unknown) => void>();

  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push([channel, input]);
    return this.answer;
  }

  subscribe(listener: (event: string, payload: unknown) => void): () => void {
    this.subscriptions += 1;
    this.listeners.add(listener);
    return () => {
      this.unsubscriptions += 1;
      this.listeners.delete(listener);
    };
  }

  /** What main would do: send one event to every subscriber. */
  send(event: string, payload: unknown): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}

const CONNECTING: EngineStatus = { state: 'connecting' };

describe('createApi', () => {
  describe('invoke', () => {
    it('passes the channel and input through the transport', async () => {
      const transport = new FakeTransport();
      await createApi(transport).invoke('images:remove', { ref: 'nginx:latest', force: true });

      expect(transport.invoked).toEqual([['images:remove', { ref: 'nginx:latest', force: true }]]);
    });

    it('resolves with what the transport answered', async () => {
      const transport = new FakeTransport();
      transport.answer = {
        ok: false,
        error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
      };

      expect(await createApi(transport).invoke('images:list', {})).toEqual({
        ok: false,
        error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
      });
    });

    it('sends {} when the input is left out', async () => {
      const transport = new FakeTransport();
      const api = createApi(transport);
      await api.invoke('engine:status', undefined as never);

      expect(transport.invoked).toEqual([['engine:status', {}]]);
    });

    it('does not subscribe to events just to invoke', async () => {
      const transport = new FakeTransport();
      await createApi(transport).invoke('images:list', {});

      expect(transport.subscriptions).toBe(0);
    });
  });

  describe('on', () => {
    it('delivers the payload of its own event', () => {
      const transport = new FakeTransport();
      const received: EngineStatus[] = [];
      createApi(transport).on('engine:event', (status) => received.push(status));

      transport.send('engine:event', CONNECTING);

      expect(received).toEqual([CONNECTING]);
    });

    it('does not deliver other events', () => {
      const transport = new FakeTransport();
      const received: unknown[] = [];
      createApi(transport).on('images:event', (payload) => received.push(payload));

      transport.send('engine:event', CONNECTING);
      transport.send('something:else', { x: 1 });
      transport.send('images:event', { action: 'delete' });

      expect(received).toEqual([{ action: 'delete' }]);
    });

    it('delivers one event to every listener of it', () => {
      const transport = new FakeTransport();
      const api = createApi(transport);
      const first: unknown[] = [];
      const second: unknown[] = [];
      api.on('images:event', (payload) => first.push(payload));
      api.on('images:event', (payload) => second.push(payload));

      transport.send('images:event', { action: 'tag' });

      expect(first).toEqual([{ action: 'tag' }]);
      expect(second).toEqual([{ action: 'tag' }]);
    });

    it('stops delivering to a listener once it unsubscribes', () => {
      const transport = new FakeTransport();
      const received: unknown[] = [];
      const off = createApi(transport).on('images:event', (payload) => received.push(payload));

      transport.send('images:event', { action: 'pull' });
      off();
      transport.send('images:event', { action: 'delete' });

      expect(received).toEqual([{ action: 'pull' }]);
    });

    it('keeps delivering to the other listeners when one unsubscribes', () => {
      const transport = new FakeTransport();
      const api = createApi(transport);
      const kept: unknown[] = [];
      const dropped: unknown[] = [];
      api.on('images:event', (payload) => kept.push(payload));
      const off = api.on('images:event', (payload) => dropped.push(payload));

      off();
      transport.send('images:event', { action: 'untag' });

      expect(kept).toEqual([{ action: 'untag' }]);
      expect(dropped).toEqual([]);
    });

    it('subscribes to the transport once, however many listeners there are', () => {
      const transport = new FakeTransport();
      const api = createApi(transport);
      api.on('engine:event', () => {});
      api.on('engine:event', () => {});
      const off = api.on('images:event', () => {});
      off();
      api.on('images:event', () => {});

      expect(transport.subscriptions).toBe(1);
      expect(transport.unsubscriptions).toBe(0);
    });

    it('delivers each event once, not once per listener registered', () => {
      const transport = new FakeTransport();
      const api = createApi(transport);
      const received: unknown[] = [];
      api.on('images:event', (payload) => received.push(payload));
      api.on('engine:event', () => {});
      api.on('engine:event', () => {});

      transport.send('images:event', { action: 'build' });

      expect(received).toEqual([{ action: 'build' }]);
    });

    it('keeps two apis on one transport independent', () => {
      const transport = new FakeTransport();
      const a: unknown[] = [];
      const b: unknown[] = [];
      createApi(transport).on('images:event', (payload) => a.push(payload));
      const offB = createApi(transport).on('images:event', (payload) => b.push(payload));

      offB();
      transport.send('images:event', { action: 'import' });

      expect(a).toEqual([{ action: 'import' }]);
      expect(b).toEqual([]);
      expect(transport.subscriptions).toBe(2);
    });
  });
});
