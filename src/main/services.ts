/**
 * Wires the main-process services in one place: engine connection, settings, handler table.
 *
 * The Electron shell, the e2e bridge and browser mode each call this and bind `dispatch` and the
 * event sink to their transport.
 */
import { createDockerClient } from './engine/create-docker-client';
import { defaultCandidates, discoverEngines, listDockerContexts } from './engine/discover-engine';
import { createEngineConnection, type EngineConnection } from './engine/engine-connection';
import { nodeDiscoveryInput } from './engine/node-discovery-input';
import type { EventPayloads, EventSink } from '../shared/api';
import { createDispatch, createHandlers, type Dispatch, type HandlerDeps } from './handlers';
import { createSettingsStore } from './store/settings-store';
import { createBuildHistory } from './store/build-history';
import { createBuildRunner, type BuildRunner } from './builds/build-runner';
import { baseImageCredentials } from './builds/base-image-credentials';
import { createContainerRunner } from './run/container-runner';
import { createTerminalSessions, type TerminalSessions } from './terminal/terminal-sessions';
import { createPushRunner, type PushRunner } from './push/push-runner';
import { createPullRunner, type PullRunner } from './pull/pull-runner';
import { createCredentialStore } from './registry/credentials';
import { createRunHelper, defaultHelperSearchDirs } from './registry/credential-helper';
import { dockerConfigDir } from './engine/docker-config-dir';
import type { SecretCrypto } from './registry/encrypted-store';
import { authConfigForImage } from './registry/login';
import { createImageLayers } from './layers/image-layers';
import { createWasteFixVerifier } from './layers/verify-waste-fix';
import { createOperations, type Operations } from './operations/operations';
import { join } from 'node:path';

export interface MainServicesOptions {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
  /** Where settings and history live (Electron's userData in the app). */
  dataDir: string;
  emit: EventSink;
  openExternal(url: string): Promise<void>;
  dialogs: HandlerDeps['dialogs'];
  /** Encrypts Dockwright's own logins (Electron safeStorage in the app). */
  secretCrypto: SecretCrypto;
  mode?: 'electron' | 'browser';
  version?: string;
  probeTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Engine silence after which a push or pull is reported stalled. */
  stallMs?: number;
}

export interface MainServices {
  dispatch: Dispatch;
  connection: EngineConnection;
  builds: BuildRunner;
  pushes: PushRunner;
  pulls: PullRunner;
  terminals: TerminalSessions;
  /** Every long-running operation: what quitting would cut short. */
  operations: Operations;
  dispose(): void;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const settings = createSettingsStore(options.dataDir);
  const discoveryInput = () => nodeDiscoveryInput(options.env, options.platform, options.homeDir);
  const connection = createEngineConnection({
    discover: async () => discoverEngines(discoveryInput(), (await settings.get()).engineOverride),
    createClient: createDockerClient,
    onStatus: (status) => options.emit('engine:event', status),
    onImagesChanged: (action) => options.emit('images:event', { action }),
    ...(options.probeTimeoutMs ? { probeTimeoutMs: options.probeTimeoutMs } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
  const history = createBuildHistory(join(options.dataDir, 'builds'));
  const operations = createOperations({ connection });
  const layers = createImageLayers({ connection, operations, history, emit: options.emit });
  // Wasted bytes are looked for after each successful build, once the build has said `finished`.
  const emit: EventSink = (event, payload) => {
    options.emit(event, payload);
    if (event === 'build:event') layers.onBuildEvent(payload as EventPayloads['build:event']);
  };
  const containers = createContainerRunner({ connection, emit: options.emit });
  const terminals = createTerminalSessions({ connection });
  const credentials = createCredentialStore({
    dockerConfigDir: dockerConfigDir(options),
    dataDir: options.dataDir,
    crypto: options.secretCrypto,
    runHelper: createRunHelper({
      env: options.env,
      platform: options.platform,
      extraDirs: defaultHelperSearchDirs(options.platform, options.homeDir),
    }),
  });
  const builds = createBuildRunner({
    connection,
    operations,
    history,
    emit,
    installId: () => settings.installId(),
    lookupCredentials: baseImageCredentials(credentials),
    env: options.env,
  });
  const pulls = createPullRunner({
    operations,
    emit: options.emit,
    authFor: (reference) => authConfigForImage(credentials, reference),
    ...(options.stallMs ? { stallAfterMs: options.stallMs } : {}),
  });
  const pushes = createPushRunner({
    operations,
    emit: options.emit,
    authFor: (reference) => authConfigForImage(credentials, reference),
    ...(options.stallMs ? { stallAfterMs: options.stallMs } : {}),
  });
  const handlers = createHandlers({
    connection,
    settings,
    builds,
    containers,
    terminals,
    pushes,
    pulls,
    credentials,
    layers,
    wasteFixes: createWasteFixVerifier({
      operations,
      history,
      builds,
      layers,
      emit: options.emit,
      dir: join(options.dataDir, 'verify-fix'),
    }),
    history,
    debugDir: join(options.dataDir, 'debug'),
    dialogs: options.dialogs,
    appInfo: {
      mode: options.mode ?? 'electron',
      homeDir: options.homeDir,
      platform: options.platform,
      version: options.version ?? '0.0.0',
    },
    openExternal: options.openExternal,
    engineChoices: async () => {
      const input = discoveryInput();
      return {
        contexts: listDockerContexts(input),
        sockets: defaultCandidates(input).map(({ label, address }) => ({ label, address })),
      };
    },
  });
  return {
    dispatch: createDispatch(handlers, options.emit),
    connection,
    builds,
    pushes,
    pulls,
    terminals,
    operations,
    dispose: () => {
      terminals.dispose();
      containers.dispose();
      layers.dispose();
      connection.dispose();
    },
  };
}
