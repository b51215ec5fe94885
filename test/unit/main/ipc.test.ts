import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { bindIpc } from '../../../src/main/ipc';
import type { Dispatch } from '../../../src/main/handlers';
import type { RequestPage } from '../../../src/main/request-page';
import { ok } from '../../../src/shared/result';
import { IPC_EVENT } from '../../../src/shared/ipc-names';

/** A window's contents: what it was sent, and the lifecycle events main listens for. */
class FakeContents extends EventEmitter {
  sent: unknown[][] = [];
  destroyed = false;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function rig() {
  let handler: ((event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown>) | null =
    null;
  const ipcMain = {
    handle: (_name: string, listener: typeof handler) => {
      handler = listener;
    },
  } as unknown as IpcMain;
  const pages: RequestPage[] = [];
  const dispatch: Dispatch = async (_channel, _input, _signal, page) => {
    if (page) pages.push(page);
    return ok(null);
  };
  bindIpc(ipcMain, dispatch, (url) => url.startsWith('app://'));
  const call = (contents: FakeContents, url = 'app://dockwright/index.html') =>
    handler!(
      { sender: contents as unknown as WebContents, senderFrame: { url } } as unknown as IpcMainInvokeEvent,
      'app:info',
      {},
    );
  return { call, pages };
}

describe('bindIpc', () => {
  it('gives each window its own page, the same for every request until it navigates', async () => {
    const { call, pages } = rig();
    const one = new FakeContents();
    const two = new FakeContents();
    await call(one);
    await call(one);
    await call(two);
    expect(pages[0]!.id).toBe(pages[1]!.id);
    expect(pages[2]!.id).not.toBe(pages[0]!.id);
  });

  it("sends a page's events to its window only", async () => {
    const { call, pages } = rig();
    const one = new FakeContents();
    const two = new FakeContents();
    await call(one);
    await call(two);
    pages[0]!.emit('terminal:event', { sessionId: 's', event: { kind: 'output', data: 'aGk=', bytes: 2 } });
    expect(one.sent).toEqual([
      [IPC_EVENT, 'terminal:event', { sessionId: 's', event: { kind: 'output', data: 'aGk=', bytes: 2 } }],
    ]);
    expect(two.sent).toEqual([]);
  });

  it.each(['did-navigate', 'destroyed', 'render-process-gone'])(
    'ends the page on %s, once, and the next request is a new page',
    async (lifecycle) => {
      const { call, pages } = rig();
      const contents = new FakeContents();
      await call(contents);
      let gone = 0;
      pages[0]!.onGone(() => gone++);
      contents.emit(lifecycle);
      contents.emit('did-navigate');
      expect(gone).toBe(1);
      await call(contents);
      expect(pages[1]!.id).not.toBe(pages[0]!.id);
      expect(contents.listenerCount('destroyed')).toBe(1);
    },
  );

  it('refuses a frame that is not the app’s own, before it reaches any handler', async () => {
    const { call, pages } = rig();
    expect(await call(new FakeContents(), 'https://evil.example/')).toMatchObject({ ok: false });
    expect(pages).toEqual([]);
  });
});
