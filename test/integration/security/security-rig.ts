/**
 * The attacker's workbench for the security suite: a temp "picked" folder the user chose, an
 * "outside" folder beside it whose files must never be read back or written, and the real handler
 * table with a connection whose engine is a stub (or none). No Docker engine is needed.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { EngineStatus, EngineOverride } from '../../../src/shared/engine-status';
import type { EngineConnection } from '../../../src/main/engine/engine-connection';
import { createBuildRunner } from '../../../src/main/builds/build-runner';
import { createContainerRunner } from '../../../src/main/run/container-runner';
import { createTerminalSessions } from '../../../src/main/terminal/terminal-sessions';
import { createPushRunner } from '../../../src/main/push/push-runner';
import { createPullRunner } from '../../../src/main/pull/pull-runner';
import { createImageLayers } from '../../../src/main/layers/image-layers';
import { createWasteFixVerifier } from '../../../src/main/layers/verify-waste-fix';
import { createOperations } from '../../../src/main/operations/operations';
import { createCredentialStore } from '../../../src/main/registry/credentials';
import { createAesGcmCrypto } from '../../../src/main/registry/aes-gcm-crypto';
import type { HelperAction } from '../../../src/main/registry/credential-helper';
import { createBuildHistory } from '../../../src/main/store/build-history';
import { createDispatch, createHandlers, type Dispatch } from '../../../src/main/handlers';
import type { Settings, SettingsStore } from '../../../src/main/store/settings-store';

const UNAVAILABLE: EngineStatus = {
  state: 'unavailable',
  tried: [],
  problems: [],
  exclusive: false,
  nextRetryAt: 0,
};

/** A connection that never connects on its own: `client()` is whatever the test sets. */
class SetConnection implements EngineConnection {
  docker: Docker | null = null;
  status(): EngineStatus {
    return UNAVAILABLE;
  }
  client(): Docker | null {
    return this.docker;
  }
  async reconnect(): Promise<EngineStatus> {
    return UNAVAILABLE;
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

/** Content no file the user picked contains: seeing it in an answer means a read went outside. */
export const SENTINEL = `OUTSIDE-SECRET-${randomBytes(6).toString('hex')}`;

export interface SecurityRig {
  /** The folder the user picked. */
  picked: string;
  /** Beside it: nothing here may be read back or changed. */
  outside: string;
  dispatch: Dispatch;
  connection: { docker: Docker | null };
  /** Credential helpers the store tried to run, by name. */
  helperRuns: { name: unknown; action: HelperAction }[];
  /** The build history main reads and writes (a saved record makes `history:save-log` write). */
  history: ReturnType<typeof createBuildHistory>;
  /** Every file under `outside` with its content and mode, to compare before and after. */
  outsideSnapshot(): Map<string, string>;
  dispose(): void;
}

/** Makes a FIFO (mkfifo has no Node API). */
export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

export function createSecurityRig(): SecurityRig {
  const root = mkdtempSync(join(tmpdir(), 'dw-security-'));
  const picked = join(root, 'picked');
  const outside = join(root, 'outside');
  const data = join(root, 'data');
  for (const dir of [picked, outside, data]) mkdirSync(dir);
  writeFileSync(join(outside, 'secret.txt'), `${SENTINEL}\n`);
  writeFileSync(join(outside, 'bashrc'), `# ${SENTINEL} shell rc\n`);
  writeFileSync(join(outside, 'victim.Dockerfile'), `FROM ${SENTINEL.toLowerCase()}\n`);
  writeFileSync(join(outside, 'victim.tar'), SENTINEL);
  const connection = new SetConnection();
  const helperRuns: SecurityRig['helperRuns'] = [];
  const history = createBuildHistory(join(data, 'builds'));
  const operations = createOperations({ connection });
  const handlers = createHandlers({
    connection,
    settings: new MemorySettings(),
    engineChoices: async () => ({ contexts: [], sockets: [] }),
    openExternal: async () => {},
    builds: createBuildRunner({ connection, operations, history, emit: () => {} }),
    pushes: createPushRunner({ operations, emit: () => {}, authFor: async () => null }),
    pulls: createPullRunner({ operations, emit: () => {}, authFor: async () => null }),
    layers: createImageLayers({ connection, operations, history, emit: () => {} }),
    wasteFixes: createWasteFixVerifier({
      operations,
      history,
      builds: createBuildRunner({ connection, operations, history, emit: () => {} }),
      layers: createImageLayers({ connection, operations, history, emit: () => {} }),
      emit: () => {},
      dir: join(data, 'verify-fix'),
    }),
    credentials: createCredentialStore({
      dockerConfigDir: join(data, 'docker'),
      dataDir: data,
      crypto: createAesGcmCrypto(randomBytes(32)),
      runHelper: async (name, action) => {
        helperRuns.push({ name, action });
        return { exitCode: 1, stdout: 'credentials not found in native keychain', stderr: '' };
      },
    }),
    containers: createContainerRunner({ connection, emit: () => {} }),
    terminals: createTerminalSessions({ connection }),
    history,
    debugDir: join(data, 'debug'),
    appInfo: { mode: 'browser', homeDir: picked, platform: process.platform, version: '0.0.0' },
    dialogs: { pickFolder: async () => null, pickFile: async () => null, saveFile: async () => null },
  });
  const snapshot = (): Map<string, string> => {
    const files = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile())
          files.set(path, `${statSync(path).mode.toString(8)} ${readFileSync(path, 'utf8')}`);
        else files.set(path, entry.isFIFO() ? 'fifo' : 'other');
      }
    };
    walk(outside);
    return files;
  };
  return {
    picked,
    outside,
    dispatch: createDispatch(handlers, () => {}),
    connection,
    history,
    helperRuns,
    outsideSnapshot: snapshot,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
