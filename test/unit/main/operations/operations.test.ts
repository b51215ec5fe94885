import { describe, expect, it, vi } from 'vitest';
import { createOperations } from '../../../../src/main/operations/operations';
import { operationId } from '../../../../src/main/operations/operation-id';
import type { EngineConnection } from '../../../../src/main/engine/engine-connection';

/** A connection with (or without) a client; the operations only ask it for one. */
function connection(client: object | null): EngineConnection {
  return { client: () => client } as unknown as EngineConnection;
}

/** Work that waits until the test ends it, and reports whether it saw its signal abort. */
function pendingWork() {
  let end = (): void => undefined;
  const seen = { aborted: false };
  const work = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      end = resolve;
      signal.addEventListener('abort', () => {
        seen.aborted = true;
        resolve();
      });
    });
  return { work, seen, end: () => end() };
}

describe('operationId', () => {
  it('starts with the time in base 36 and ends with 8 random hex digits', () => {
    expect(operationId(1_700_000_000_000, () => Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toBe(
      `${(1_700_000_000_000).toString(36)}-deadbeef`,
    );
  });

  it('gives different ids in the same millisecond', () => {
    expect(operationId(5)).not.toBe(operationId(5));
  });
});

describe('createOperations', () => {
  it('answers ENGINE_UNAVAILABLE when no engine is connected, and the client when one is', () => {
    const client = { ping: () => undefined };
    expect(createOperations({ connection: connection(null) }).engine()).toEqual({
      ok: false,
      error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
    });
    expect(createOperations({ connection: connection(client) }).engine()).toEqual({
      ok: true,
      value: client,
    });
  });

  it('lists an operation as running until its work settles, by kind', async () => {
    const operations = createOperations({ connection: connection(null), now: () => 42 });
    const work = pendingWork();
    const id = operations.start('push', work.work);
    expect(id).toMatch(/^16-[0-9a-f]{8}$/);
    expect(operations.running('push')).toEqual([id]);
    expect(operations.running('pull')).toEqual([]);
    work.end();
    await operations.settled('push', id);
    expect(operations.running('push')).toEqual([]);
  });

  it('runs the work at once, before start returns', () => {
    const operations = createOperations({ connection: connection(null) });
    const calls: string[] = [];
    operations.start('pull', async () => {
      calls.push('work');
    });
    calls.push('returned');
    expect(calls).toEqual(['work', 'returned']);
  });

  it('cancels by aborting the work’s signal, and only within the kind asked', async () => {
    const operations = createOperations({ connection: connection(null) });
    const work = pendingWork();
    const id = operations.start('build', work.work);
    expect(operations.cancel('push', id)).toBe(false);
    expect(work.seen.aborted).toBe(false);
    expect(operations.cancel('build', id)).toBe(true);
    expect(work.seen.aborted).toBe(true);
    await operations.settled('build', id);
    expect(operations.cancel('build', id)).toBe(false);
  });

  it('settles at once for an id that is not running', async () => {
    const operations = createOperations({ connection: connection(null) });
    await expect(operations.settled('analysis', 'nothing')).resolves.toBeUndefined();
  });

  it('cancels the older of two operations under the same id, and keeps the newer running', async () => {
    const operations = createOperations({ connection: connection(null) });
    const older = pendingWork();
    const newer = pendingWork();
    operations.run('waste', 'sha256:a', older.work);
    operations.run('waste', 'sha256:a', newer.work);
    expect(older.seen.aborted).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(operations.running('waste')).toEqual(['sha256:a']);
    newer.end();
    await operations.settled('waste', 'sha256:a');
    expect(operations.running('waste')).toEqual([]);
  });

  it('keeps a throwing work from breaking the registry: it settles and is logged', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const operations = createOperations({ connection: connection(null) });
    const id = operations.start('build', () => {
      throw new Error('bug');
    });
    await operations.settled('build', id);
    expect(operations.running('build')).toEqual([]);
    expect(error).toHaveBeenCalledWith(`[dockwright] build ${id} failed unexpectedly`, expect.any(Error));
    error.mockRestore();
  });

  it('hands a runner the controls of its own kind', async () => {
    const operations = createOperations({ connection: connection(null) });
    const work = pendingWork();
    const id = operations.start('pull', work.work);
    const pulls = operations.controls('pull');
    expect(pulls.running()).toEqual([id]);
    expect(operations.controls('push').cancel(id)).toBe(false);
    expect(pulls.cancel(id)).toBe(true);
    await pulls.settled(id);
    expect(pulls.running()).toEqual([]);
  });
});
