import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel, EventPayloads, EventSink } from '../../../src/shared/api';
import type { EngineChoices, EngineOverride, EngineStatus } from '../../../src/shared/engine-status';
import type { EngineConnection } from '../../../src/main/engine/engine-connection';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildRunner } from '../../../src/main/builds/build-runner';
import { createContainerRunner } from '../../../src/main/run/container-runner';
import { createTerminalSessions } from '../../../src/main/terminal/terminal-sessions';
import { createPushRunner } from '../../../src/main/push/push-runner';
import { createPullRunner } from '../../../src/main/pull/pull-runner';
import { createImageLayers } from '../../../src/main/layers/image-layers';
import { createWasteFixVerifier } from '../../../src/main/layers/verify-waste-fix';
import { createOperations } from '../../../src/main/operations/operations';
import { createCredentialStore } from '../../../src/main/registry/credentials';
import { createAesGcmCrypto } from '../../../src/main/registry/aes-gcm-crypto';
import { randomBytes } from 'node:crypto';
import { createBuildHistory } from '../../../src/main/store/build-history';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { BuildRecord } from '../../../src/shared/builds/build-record';
import { buildRequest } from '../../support/build-fixtures';
import {
  createDispatch,
  createHandlers,
  type HandlerContext,
  type HandlerDeps,
  type HandlerTable,
} from '../../../src/main/handlers';
import type { Settings, SettingsStore } from '../../../src/main/store/settings-store';
import { clientForMissingSocket, startStubEngine, type StubEngine } from '../support/stub-engine';

const UNAVAILABLE: EngineStatus = {
  state: 'unavailable',
  tried: [],
  problems: [],
  exclusive: false,
  nextRetryAt: 0,
};

/** An engine connection that never connects on its own: `client()` is whatever the test sets. */
class FakeConnection implements EngineConnection {
  docker: Docker | null = null;
  current: EngineStatus = UNAVAILABLE;
  /** The engine override in settings at each reconnect (a reconnect rereads settings). */
  reconnectsSaw: (EngineOverride | null)[] = [];

  constructor(private readonly settings: SettingsStore) {}

  status(): EngineStatus {
    return this.current;
  }
  client(): Docker | null {
    return this.docker;
  }
  async reconnect(): Promise<EngineStatus> {
    this.reconnectsSaw.push((await this.settings.get()).engineOverride);
    return this.current;
  }
  dispose(): void {}
}

class MemorySettings implements SettingsStore {
  settings: Settings = { engineOverride: null, logShownLines: 200_000 };
  async get(): Promise<Settings> {
    return this.settings;
  }
  async setEngineOverride(override: EngineOverride | null): Promise<void> {
    this.settings = { ...this.settings, engineOverride: override };
  }
  async setLogShownLines(lines: number): Promise<void> {
    this.settings = { ...this.settings, logShownLines: lines };
  }
}

/** An event sink that records what it was sent. */
function recordingSink(): { sink: EventSink; sent: [EventChannel, unknown][] } {
  const sent: [EventChannel, unknown][] = [];
  const sink = <E extends EventChannel>(event: E, payload: EventPayloads[E]): void => {
    sent.push([event, payload]);
  };
  return { sink, sent };
}

const CHOICES: Omit<EngineChoices, 'override'> = {
  contexts: [{ name: 'default', address: 'unix:///var/run/docker.sock', current: true }],
  sockets: [{ label: 'Docker Engine', address: 'unix:///var/run/docker.sock' }],
};

let settings: MemorySettings;
let connection: FakeConnection;
let opened: string[];
let deps: HandlerDeps;

beforeEach(() => {
  settings = new MemorySettings();
  connection = new FakeConnection(settings);
  opened = [];
  deps = {
    connection,
    settings,
    engineChoices: async () => CHOICES,
    openExternal: async (url) => {
      opened.push(url);
    },
    builds: idleBuilds,
    pushes: createPushRunner({
      operations: createOperations({ connection }),
      emit: () => {},
      authFor: async () => null,
    }),
    pulls: createPullRunner({
      operations: createOperations({ connection }),
      emit: () => {},
      authFor: async () => null,
    }),
    layers: createImageLayers({
      connection,
      operations: createOperations({ connection }),
      history: createBuildHistory(join(tmpdir(), `dw-handlers-layers-${process.pid}`)),
      emit: () => {},
    }),
    wasteFixes: createWasteFixVerifier({
      operations: createOperations({ connection }),
      history: createBuildHistory(join(tmpdir(), `dw-handlers-verify-${process.pid}`)),
      builds: idleBuilds,
      layers: { inventory: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no images' } }) },
      emit: () => {},
      dir: join(tmpdir(), `dw-handlers-verify-fix-${process.pid}`),
    }),
    credentials: createCredentialStore({
      dockerConfigDir: join(tmpdir(), `dw-handlers-docker-${process.pid}`),
      dataDir: join(tmpdir(), `dw-handlers-data-${process.pid}`),
      crypto: createAesGcmCrypto(randomBytes(32)),
      runHelper: async () => ({ exitCode: 127, stdout: '', stderr: 'no helpers in unit tests' }),
    }),
    containers: createContainerRunner({ connection, emit: () => {} }),
    terminals: createTerminalSessions({ connection }),
    history: createBuildHistory(join(tmpdir(), `dw-handlers-${process.pid}-${Date.now()}`)),
    debugDir: join(tmpdir(), `dw-handlers-debug-${process.pid}`),
    appInfo: { mode: 'electron', homeDir: '/home/tester', platform: 'linux', version: '0.1.0' },
    dialogs: {
      pickFolder: async () => '/picked/folder',
      pickFile: async () => null,
      saveFile: async () => null,
    },
  };
});

/** A build runner with nothing running; these tests never start a build. */
const idleBuilds: BuildRunner = {
  start: async () => ({
    ok: false,
    error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
  }),
  predict: async () => ({
    ok: false,
    error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
  }),
  cancel: () => false,
  running: () => [],
  settled: async () => {},
};
afterEach(() => {
  vi.restoreAllMocks();
});

const dispatchFor = (handlers: HandlerTable = createHandlers(deps)) =>
  createDispatch(handlers, recordingSink().sink);

describe('createDispatch', () => {
  describe('channels', () => {
    it('refuses a channel the contract does not declare', async () => {
      expect(await dispatchFor()('images:explode', {})).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'There is no request channel named "images:explode".' },
      });
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', ''])(
      'refuses "%s", which is not an own channel of the contract',
      async (channel) => {
        const result = await dispatchFor()(channel, {});

        expect(result.ok === false && result.error.code).toBe('UNKNOWN_CHANNEL');
      },
    );
  });

  describe('input validation', () => {
    it('refuses an empty ref for images:remove, naming the field', async () => {
      expect(await dispatchFor()('images:remove', { ref: '' })).toEqual({
        ok: false,
        error: { code: 'VALIDATION', field: 'ref', message: 'ref: Name the image or tag to remove' },
      });
    });

    it('refuses images:remove without a ref', async () => {
      const result = await dispatchFor()('images:remove', undefined);

      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ref' } });
      expect(result.ok === false && result.error.message).toMatch(/^ref: /);
    });

    it('refuses a force that is not a boolean', async () => {
      expect(await dispatchFor()('images:remove', { ref: 'nginx:latest', force: 'yes' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'force' },
      });
    });

    it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/file', 'not a url'])(
      'refuses to open %s in the browser',
      async (url) => {
        expect(await dispatchFor()('shell:open-external', { url })).toEqual({
          ok: false,
          error: { code: 'VALIDATION', field: 'url', message: 'url: Only http(s) links open in the browser' },
        });
        expect(opened).toEqual([]);
      },
    );

    it('names the nested field of an invalid engine address', async () => {
      const result = await dispatchFor()('engine:set-override', {
        override: { kind: 'address', address: 'http://x' },
      });

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          field: 'override.address',
          message: 'override.address: Use unix://, tcp://, npipe:// or ssh:// followed by the address',
        },
      });
      expect(settings.settings.engineOverride).toBeNull();
      expect(connection.reconnectsSaw).toEqual([]);
    });

    it.each([
      ['images:list', { extra: 1 }],
      ['images:remove', { ref: 'nginx:latest', force: true, extra: 1 }],
      ['shell:open-external', { url: 'https://docs.docker.com/', extra: 1 }],
    ])('refuses unknown keys in the input of %s', async (channel, input) => {
      const result = await dispatchFor()(channel, input);

      expect(result).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'Unrecognized key: "extra"' },
      });
    });

    it('refuses an unknown key inside a nested object', async () => {
      const result = await dispatchFor()('engine:set-override', {
        override: { kind: 'context', name: 'colima', address: 'tcp://x' },
      });

      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'override' } });
      expect(result.ok === false && result.error.message).toContain('address');
    });

    it('refuses input that is not an object', async () => {
      expect(await dispatchFor()('images:list', 'please')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    });

    it.each([undefined, null])('treats %s input as {} for channels that take none', async (input) => {
      connection.current = { state: 'connecting' };

      expect(await dispatchFor()('engine:status', input)).toEqual({
        ok: true,
        value: { state: 'connecting' },
      });
    });

    it('hands the handler the parsed input, with defaults filled in', async () => {
      const seen: unknown[] = [];
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'images:remove': async (input) => {
          seen.push(input);
          return { ok: true, value: { removed: [], untagged: [] } };
        },
      };
      await dispatchFor(handlers)('images:remove', { ref: 'nginx:latest' });

      expect(seen).toEqual([{ ref: 'nginx:latest', force: false }]);
    });
  });

  describe('handler failures', () => {
    it('turns a handler that throws into INTERNAL, naming the channel', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'images:list': async () => {
          throw new Error('kaboom');
        },
      };

      expect(await dispatchFor(handlers)('images:list', {})).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong in images:list: kaboom' },
      });
      expect(logged).toHaveBeenCalledTimes(1);
    });

    it('turns a synchronous throw into INTERNAL too', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'engine:status': () => {
          throw new TypeError('status is not a function');
        },
      };

      expect(await dispatchFor(handlers)('engine:status', {})).toEqual({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong in engine:status: status is not a function',
        },
      });
    });

    it('turns a thrown non-Error into INTERNAL with its text', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'images:prune': async () => {
          throw 'disk on fire';
        },
      };

      expect(await dispatchFor(handlers)('images:prune', {})).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong in images:prune: disk on fire' },
      });
    });
  });

  describe('context', () => {
    it('hands the handler the event sink and the caller’s abort signal', async () => {
      const { sink, sent } = recordingSink();
      const contexts: HandlerContext[] = [];
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'images:prune': async (_input, context) => {
          contexts.push(context);
          context.emit('images:event', { action: 'prune' });
          return { ok: true, value: { deleted: 0, reclaimedBytes: 0 } };
        },
      };
      const controller = new AbortController();
      await createDispatch(handlers, sink)('images:prune', {}, controller.signal);

      expect(contexts[0]?.signal).toBe(controller.signal);
      expect(sent).toEqual([['images:event', { action: 'prune' }]]);
    });

    it('gives the handler a live signal when the caller passes none', async () => {
      const signals: AbortSignal[] = [];
      const handlers: HandlerTable = {
        ...createHandlers(deps),
        'images:list': async (_input, { signal }) => {
          signals.push(signal);
          return { ok: true, value: [] };
        },
      };
      await dispatchFor(handlers)('images:list', {});

      expect(signals).toHaveLength(1);
      expect(signals[0]?.aborted).toBe(false);
    });
  });
});

describe('createHandlers', () => {
  it.each(['images:list', 'images:prune'])(
    'answers %s with ENGINE_UNAVAILABLE when no engine is connected',
    async (channel) => {
      expect(await dispatchFor()(channel, {})).toEqual({
        ok: false,
        error: { code: 'ENGINE_UNAVAILABLE', message: 'No Docker engine is connected.' },
      });
    },
  );

  it('answers images:remove with ENGINE_UNAVAILABLE when no engine is connected', async () => {
    expect(await dispatchFor()('images:remove', { ref: 'nginx:latest' })).toMatchObject({
      ok: false,
      error: { code: 'ENGINE_UNAVAILABLE' },
    });
  });

  it('saves an ended build’s whole raw log from its record, and refuses a running one', async () => {
    const log = Array.from({ length: 300_000 }, (_, index) => `${index + 1}\n`).join('');
    const record = {
      id: 'b-save-log',
      request: buildRequest('/ctx'),
      dockerfilePath: '/ctx/Dockerfile',
      builder: 'classic',
      status: 'succeeded',
      startedAt: 1,
      endedAt: 2,
      imageId: null,
      imageSizeBytes: null,
      error: null,
      stepCount: 1,
      cachedSteps: 0,
      steps: [],
      stepLogs: {},
      warnings: [],
      dockerfileText: 'FROM x\n',
      log,
    } satisfies BuildRecord;
    await deps.history.save(record);
    const path = join(mkdtempSync(join(tmpdir(), 'dw-save-log-')), 'build.log');
    expect(await dispatchFor()('history:save-log', { id: record.id, path })).toEqual({
      ok: true,
      value: { bytes: log.length },
    });
    expect(readFileSync(path, 'utf8')).toBe(log);
    await deps.history.save({ ...record, id: 'b-running', status: 'running', endedAt: null });
    expect(await dispatchFor()('history:save-log', { id: 'b-running', path })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('stores the engine override, then reconnects so discovery sees it', async () => {
    const override = { kind: 'context', name: 'colima' } as const;
    connection.current = { state: 'connecting' };

    const result = await dispatchFor()('engine:set-override', { override });

    expect(result).toEqual({ ok: true, value: { state: 'connecting' } });
    expect(settings.settings.engineOverride).toEqual(override);
    expect(connection.reconnectsSaw).toEqual([override]);
  });

  it('stores an engine address trimmed', async () => {
    await dispatchFor()('engine:set-override', {
      override: { kind: 'address', address: '  tcp://10.0.0.2:2375 ' },
    });

    expect(settings.settings.engineOverride).toEqual({ kind: 'address', address: 'tcp://10.0.0.2:2375' });
  });

  it('clears the engine override with null and reconnects', async () => {
    settings.settings = { ...settings.settings, engineOverride: { kind: 'context', name: 'colima' } };

    await dispatchFor()('engine:set-override', { override: null });

    expect(settings.settings.engineOverride).toBeNull();
    expect(connection.reconnectsSaw).toEqual([null]);
  });

  it('answers engine:choices with the discovered choices and the stored override', async () => {
    settings.settings = { ...settings.settings, engineOverride: { kind: 'context', name: 'colima' } };

    expect(await dispatchFor()('engine:choices', {})).toEqual({
      ok: true,
      value: { ...CHOICES, override: { kind: 'context', name: 'colima' } },
    });
  });

  it('keeps the log view setting the user picks, and says which field is wrong when it is out of range', async () => {
    expect(await dispatchFor()('settings:log-view', {})).toEqual({
      ok: true,
      value: { shownLines: 200_000 },
    });
    expect(await dispatchFor()('settings:set-log-view', { shownLines: 500_000 })).toEqual({
      ok: true,
      value: { shownLines: 500_000 },
    });
    expect(settings.settings.logShownLines).toBe(500_000);
    const tooMany = await dispatchFor()('settings:set-log-view', { shownLines: 2_000_000 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'shownLines' } });
    expect(settings.settings.logShownLines).toBe(500_000);
  });

  it('opens an https link in the browser', async () => {
    expect(await dispatchFor()('shell:open-external', { url: 'https://docs.docker.com/engine/' })).toEqual({
      ok: true,
      value: null,
    });
    expect(opened).toEqual(['https://docs.docker.com/engine/']);
  });

  describe('against an engine', () => {
    let stub: StubEngine;

    beforeEach(async () => {
      stub = await startStubEngine({ status: 200, body: [] });
    });
    afterEach(async () => {
      await stub.close();
    });

    it('answers a 409 on images:remove with IMAGE_IN_USE and the engine’s words', async () => {
      const message =
        'conflict: unable to delete 5b0d (must be forced) - image is being used by stopped container 4f2a';
      stub.reply({ status: 409, body: { message } });
      connection.docker = stub.docker;

      expect(await dispatchFor()('images:remove', { ref: 'nginx:latest' })).toEqual({
        ok: false,
        error: { code: 'IMAGE_IN_USE', message },
      });
      expect(stub.requests).toHaveLength(1);
      expect(stub.requests[0]).toMatch(/^DELETE \/images\/nginx:latest\?/);
      expect(connection.reconnectsSaw).toEqual([]);
    });

    it('answers a 409 on images:prune with CONFLICT (only removal means "in use")', async () => {
      stub.reply({ status: 409, body: { message: 'a prune operation is already running' } });
      connection.docker = stub.docker;

      expect(await dispatchFor()('images:prune', {})).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'a prune operation is already running' },
      });
    });

    it('reports what images:remove untagged and deleted', async () => {
      stub.reply({
        status: 200,
        body: [{ Untagged: 'nginx:latest' }, { Deleted: 'sha256:5b0d' }, { Deleted: 'sha256:77aa' }],
      });
      connection.docker = stub.docker;

      expect(await dispatchFor()('images:remove', { ref: 'nginx:latest', force: true })).toEqual({
        ok: true,
        value: { untagged: ['nginx:latest'], removed: ['sha256:5b0d', 'sha256:77aa'] },
      });
      expect(stub.requests[0]).toContain('force=true');
    });

    it('lists images with their container counts, dropping the <none> placeholders', async () => {
      stub.reply(({ url }) =>
        url.startsWith('/containers/json')
          ? { status: 200, body: [{ ImageID: 'sha256:aaa' }, { ImageID: 'sha256:aaa' }] }
          : {
              status: 200,
              body: [
                {
                  Id: 'sha256:aaa',
                  RepoTags: ['nginx:latest'],
                  RepoDigests: [],
                  Size: 192_000_000,
                  Created: 1_700_000_000,
                },
                {
                  Id: 'sha256:bbb',
                  RepoTags: ['<none>:<none>'],
                  RepoDigests: ['<none>@<none>'],
                  Size: 80_000_000,
                  Created: 1_700_000_100,
                },
              ],
            },
      );
      connection.docker = stub.docker;

      expect(await dispatchFor()('images:list', {})).toEqual({
        ok: true,
        value: [
          {
            id: 'sha256:aaa',
            tags: ['nginx:latest'],
            digests: [],
            sizeBytes: 192_000_000,
            created: 1_700_000_000,
            containers: 2,
            dangling: false,
          },
          {
            id: 'sha256:bbb',
            tags: [],
            digests: [],
            sizeBytes: 80_000_000,
            created: 1_700_000_100,
            containers: 0,
            dangling: true,
          },
        ],
      });
    });
  });

  it('answers ENGINE_UNAVAILABLE and looks for the engine again when a request cannot connect', async () => {
    const missing = clientForMissingSocket();
    connection.docker = missing.docker;
    try {
      const result = await dispatchFor()('images:list', {});

      expect(result).toMatchObject({ ok: false, error: { code: 'ENGINE_UNAVAILABLE' } });
      expect(result.ok === false && result.error.message).toMatch(
        /^The Docker engine cannot be reached: connect ENOENT /,
      );
      await vi.waitFor(() => expect(connection.reconnectsSaw).toHaveLength(1));
    } finally {
      missing.dispose();
    }
  });
});
