/**
 * The handler table: every request channel of the contract, implemented once in plain Node.
 *
 * Electron IPC, the e2e bridge and browser mode all call `dispatch`, which validates the input
 * with the contract's zod schema and turns any unexpected throw into an `INTERNAL` error.
 */
import { startDebugBuild } from './builds/debug-build';
import { startDebugShell } from './builds/debug-shell';
import type Docker from 'dockerode';
import {
  isRequestChannel,
  requestSchemas,
  type EventSink,
  type RequestChannel,
  type RequestOutput,
  type ValidInput,
} from '../shared/api';
import { fail, ok, type ErrorCode, type Result } from '../shared/result';
import type { EngineConnection } from './engine/engine-connection';
import { withEngine } from './engine/with-engine';
import { loadImage, saveImage } from './engine/image-archive';
import { readImagePlatforms } from './engine/image-platforms';
import { dirname, isAbsolute, join } from 'node:path';
import {
  diskUsage,
  pruneBuildCache,
  pruneDanglingImages,
  listImages,
  removeImage,
  tagImage,
} from './engine/images';
import type { PushRunner } from './push/push-runner';
import { pushPreflight } from './push/push-preflight';
import type { PullRunner } from './pull/pull-runner';
import type { ImageLayers } from './layers/image-layers';
import type { WasteFixVerifier } from './layers/verify-waste-fix';
import { createImagePackages } from './packages/image-packages';
import { createMultiStageSuggestions } from './layers/multi-stage-suggestions';
import { detectProject } from './wizard/detect-project';
import { runAndCheck } from './wizard/run-and-check';
import { dockerfileMtime, openDockerfile, saveDockerfile } from './editor/dockerfile-file';
import { readWizardFiles, writeWizardFiles } from './wizard/write-wizard-files';
import { credentialResult, type CredentialStore } from './registry/credentials';
import { login } from './registry/login';
import { registryName } from '../shared/registry/registry-name';
import type { EngineChoices } from '../shared/engine-status';
import type { AppInfo } from '../shared/api';
import { listFolder } from './fs/list-folder';
import type { SettingsStore } from './store/settings-store';
import type { BuildHistory } from './store/build-history';
import type { BuildRunner } from './builds/build-runner';
import type { ContainerRunner } from './run/container-runner';
import { summarizeContext, outlineDockerfile } from './builds/build-inputs';
import { appendToDockerignore, ContextError } from './context/pack-context';
import { checkBuildFiles } from './fs/check-build-files';
import { userFileFailure } from './fs/safe-files';
import { checkWriteTarget } from './fs/write-user-file';
import { isExternalLink } from './window-policy';
import { everyPage, type RequestPage } from './request-page';
import type { TerminalSessions } from './terminal/terminal-sessions';
import { historyHandlers } from './history-handlers';

/** What a handler gets besides its input: where to send progress, and when to stop. */
export interface HandlerContext {
  emit: EventSink;
  signal: AbortSignal;
  /** The page that asked (terminal sessions belong to it). */
  page: RequestPage;
}

export type Handler<C extends RequestChannel> = (
  input: ValidInput<C>,
  context: HandlerContext,
) => Promise<Result<RequestOutput<C>>>;

/** One handler per request channel; a missing one is a type error. */
export type HandlerTable = { [C in RequestChannel]: Handler<C> };

/** The outside world the handlers act on. */
export interface HandlerDeps {
  connection: EngineConnection;
  settings: SettingsStore;
  engineChoices(): Promise<Omit<EngineChoices, 'override'>>;
  openExternal(url: string): Promise<void>;
  builds: BuildRunner;
  containers: ContainerRunner;
  terminals: TerminalSessions;
  pushes: PushRunner;
  pulls: PullRunner;
  credentials: CredentialStore;
  layers: ImageLayers;
  /** Builds a waste fix beside the original and compares the files (`waste:verify-fix`). */
  wasteFixes: WasteFixVerifier;
  history: BuildHistory;
  /** Where debug builds' cut Dockerfiles are written (see builds/debug-build.ts). */
  debugDir: string;
  appInfo: AppInfo;
  /** The OS's own pickers (Electron dialogs in the app); null when the user cancels. */
  dialogs: {
    pickFolder(title: string, defaultPath: string | null): Promise<string | null>;
    pickFile(title: string, defaultPath: string | null): Promise<string | null>;
    saveFile(title: string, defaultPath: string | null): Promise<string | null>;
  };
}

/** Context and Dockerfile problems are the user's to fix: return them at their field. */
async function contextResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ContextError) {
      return fail('VALIDATION', error.message, {
        field: error.code === 'DOCKERFILE_NOT_FOUND' ? 'dockerfile' : 'contextDir',
      });
    }
    throw error;
  }
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { connection } = deps;
  const packages = createImagePackages({ layers: deps.layers, toolVersion: deps.appInfo.version });
  const multiStage = createMultiStageSuggestions({
    connection: deps.connection,
    layers: deps.layers,
    history: deps.history,
    builds: deps.builds,
    containers: deps.containers,
    // Beside the debug builds' folder, in the app's data.
    dir: join(dirname(deps.debugDir), 'multi-stage'),
  });

  /** Runs `work` against the connected engine, mapping its failures once. */
  const withClient = <T>(
    work: (docker: Docker) => Promise<T>,
    byStatus: Partial<Record<number, ErrorCode>> = {},
  ) => withEngine(connection, async (docker) => ok(await work(docker)), byStatus);

  return {
    'engine:status': async () => ok(connection.status()),
    'engine:reconnect': async () => ok(await connection.reconnect()),
    'engine:choices': async () => {
      const [choices, settings] = await Promise.all([deps.engineChoices(), deps.settings.get()]);
      return ok({ ...choices, override: settings.engineOverride });
    },
    'settings:log-view': async () => ok({ shownLines: (await deps.settings.get()).logShownLines }),
    'settings:set-log-view': async ({ shownLines }) => {
      await deps.settings.setLogShownLines(shownLines);
      return ok({ shownLines });
    },
    'engine:set-override': async ({ override }) => {
      await deps.settings.setEngineOverride(override);
      return ok(await connection.reconnect());
    },
    'images:list': (_input, { signal }) => withClient((docker) => listImages(docker, signal)),
    'images:remove': ({ ref, force }, { signal }) =>
      withClient((docker) => removeImage(docker, ref, force, signal), { 409: 'IMAGE_IN_USE' }),
    'images:prune': (_input, { signal }) => withClient((docker) => pruneDanglingImages(docker, signal)),
    'images:platforms': ({ ref }, { signal }) =>
      withClient((docker) => readImagePlatforms(docker, ref, signal)),
    'images:save': ({ ref, path }, { signal }) =>
      withEngine(connection, async (docker) => {
        const saved = await saveImage(docker, ref, path, signal);
        return saved.ok ? saved : userFileFailure(saved.problem, 'path');
      }),
    'images:load': ({ path }) =>
      withEngine(connection, async (docker) => {
        const loaded = await loadImage(docker, path);
        if (loaded.ok) return loaded;
        return loaded.problem.code === 'MISSING'
          ? fail('VALIDATION', `There is no file ${path}.`, { field: 'path' })
          : userFileFailure(loaded.problem, 'path');
      }),
    'dialog:save-file': async ({ title, defaultPath }) => ok(await deps.dialogs.saveFile(title, defaultPath)),
    'system:disk-usage': () => withClient((docker) => diskUsage(docker)),
    'system:prune-build-cache': () => withClient((docker) => pruneBuildCache(docker)),
    'images:tag': ({ source, target }) => withClient((docker) => tagImage(docker, source, target)),
    'dockerfile:open': async ({ path }) => {
      const file = await openDockerfile(path);
      return file.ok ? file : userFileFailure(file.problem, 'path');
    },
    'dockerfile:mtime': async ({ path }) => ok({ mtimeMs: await dockerfileMtime(path) }),
    'dockerfile:save': async ({ path, text, expectedMtimeMs }) => {
      const result = await saveDockerfile(path, text, expectedMtimeMs);
      if ('refused' in result) return userFileFailure(result.refused, 'path');
      return 'saved' in result
        ? ok(result.saved)
        : fail(
            'CONFLICT',
            `${path} changed on disk since you opened it: reload it, or save again to keep your version.`,
          );
    },
    'wizard:detect': async ({ dir }) => {
      const folder = await listFolder(dir).catch(() => null);
      if (!folder) return fail('VALIDATION', `There is no folder ${dir}.`, { field: 'dir' });
      return ok(await detectProject(dir));
    },
    'wizard:read-files': async ({ dir }) => {
      const files = await readWizardFiles(dir);
      return 'problem' in files ? userFileFailure(files.problem, 'dir') : ok(files);
    },
    'wizard:write-files': async ({ dir, dockerfile, dockerignore, expected }) => {
      const result = await writeWizardFiles(dir, { dockerfile, dockerignore }, expected);
      if ('problem' in result) return userFileFailure(result.problem, 'dir');
      return 'changed' in result
        ? fail(
            'CONFLICT',
            `${result.changed} changed on disk since the comparison was shown; look at it again before overwriting.`,
          )
        : ok(result);
    },
    'layers:details': ({ ref }, { signal }) => deps.layers.view(ref, signal),
    'layers:compare': ({ a, b }, { signal }) => deps.layers.compare(a, b, signal),
    'layers:previous-build': ({ buildId }) => deps.layers.previousBuild(buildId),
    'analysis:start': async ({ ref }) => deps.layers.analyze(ref),
    'layers:file-diff': async ({ a, b }) => deps.layers.fileDiff(a, b),
    'analysis:cancel': async ({ id }) =>
      deps.layers.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That analysis is not running any more.'),
    'waste:get': ({ ref, rerun }, { signal }) => deps.layers.waste(ref, rerun, signal),
    'waste:cancel': async ({ imageId }) =>
      deps.layers.cancelWaste(imageId)
        ? ok(null)
        : fail('NOT_FOUND', 'Dockwright is not looking for wasted space in that image any more.'),
    'packages:list': ({ ref }, { signal }) => packages.list(ref, signal),
    'packages:compare': ({ a, b }, { signal }) => packages.compare(a, b, signal),
    'packages:export': ({ ref, format, path }, { signal }) => packages.exportSbom(ref, format, path, signal),
    'waste:verify-fix': ({ buildId, originalText, fixedText, wasted, ownersUnder, keepImages }) =>
      deps.wasteFixes.start({ buildId, originalText, fixedText, wasted, ownersUnder, keepImages }),
    'waste:verify-cancel': async ({ id }) =>
      deps.wasteFixes.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That verification is not running any more.'),
    'layers:build-only': ({ ref }, { signal }) => multiStage.buildOnly(ref, signal),
    'layers:try-multi-stage': ({ buildId, keepImage }, { emit }) =>
      multiStage.tryMultiStage(buildId, keepImage, emit),
    'layers:try-multi-stage-cancel': async ({ id }) =>
      multiStage.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That multi-stage trial is not running any more.'),
    'registry:list': () => credentialResult(() => deps.credentials.list()),
    'registry:place': ({ registry }) =>
      credentialResult(() => deps.credentials.placeFor(registryName(registry).key)),
    'registry:login': async ({ registry, username, password, keep }, { signal }) => {
      const docker = connection.client();
      if (!docker)
        return fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected: the engine checks the login.');
      return login(docker, deps.credentials, { registry, username, secret: password, keep }, { signal });
    },
    'registry:logout': ({ registry }) =>
      credentialResult(async () => ({
        erasedFrom: await deps.credentials.erase(registryName(registry).key),
      })),
    'pull:start': ({ reference }) => deps.pulls.start(reference),
    'pull:cancel': async ({ id }) =>
      deps.pulls.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That pull is not running any more.'),
    'push:start': (input) => deps.pushes.start(input),
    'push:cancel': async ({ id }) =>
      deps.pushes.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That push is not running any more.'),
    'push:preflight': ({ reference }, { signal }) =>
      withEngine(connection, (docker) => pushPreflight(docker, deps.credentials, reference, signal), {
        404: 'NOT_FOUND',
      }),
    'app:info': async () => ok(deps.appInfo),
    'fs:list-folders': async ({ path }) => {
      // A relative path would be resolved against wherever the server was started.
      if (path !== null && !isAbsolute(path))
        return fail('VALIDATION', `The folder must be an absolute path, not ${path}.`, { field: 'path' });
      const listing = await listFolder(path ?? deps.appInfo.homeDir).catch(
        (error: NodeJS.ErrnoException) => error,
      );
      if (listing instanceof Error)
        return fail('NOT_FOUND', `Cannot open ${path}: ${listing.code ?? listing.message}`, {
          field: 'path',
        });
      return ok(listing);
    },
    'dialog:pick-folder': async ({ title, defaultPath }) =>
      ok(await deps.dialogs.pickFolder(title, defaultPath)),
    'dialog:pick-file': async ({ title, defaultPath }) => ok(await deps.dialogs.pickFile(title, defaultPath)),
    'build:outline-dockerfile': ({ contextDir, dockerfile }) =>
      contextResult(() => outlineDockerfile(contextDir, dockerfile)),
    'build:summarize-context': async ({ contextDir, dockerfile }, { signal }) => {
      const checked = await checkBuildFiles(contextDir, dockerfile);
      if (!checked.ok) return checked;
      return contextResult(() => summarizeContext(contextDir, dockerfile, signal));
    },
    'build:ignore-paths': async ({ contextDir, patterns }, { signal }) => {
      const checked = await checkBuildFiles(contextDir, null);
      if (!checked.ok) return checked;
      // Only a plain .dockerignore inside the context is appended to (never a link's target).
      const target = await checkWriteTarget(join(contextDir, '.dockerignore'), { within: contextDir });
      if (!target.ok) return userFileFailure(target.problem, 'contextDir');
      return contextResult(async () => {
        await appendToDockerignore(contextDir, patterns);
        return summarizeContext(contextDir, null, signal);
      });
    },
    'build:start': async (request) => {
      const checked = await checkBuildFiles(request.contextDir, request.dockerfile);
      return checked.ok ? deps.builds.start(request) : checked;
    },
    'cache:predict': async (request, { signal }) => {
      const checked = await checkBuildFiles(request.contextDir, request.dockerfile);
      return checked.ok ? deps.builds.predict(request, signal) : checked;
    },
    'debug:start': (request) =>
      startDebugBuild({ history: deps.history, builds: deps.builds, dir: deps.debugDir }, request),
    'debug:shell': (request) => startDebugShell(deps.connection.client(), request),
    'build:cancel': async ({ id }) =>
      deps.builds.cancel(id) ? ok(null) : fail('NOT_FOUND', 'That build is not running any more.'),
    ...historyHandlers(deps),
    'run:defaults': ({ image }) => deps.containers.defaults(image),
    'run:start': (request) => deps.containers.run(request),
    'wizard:run-check': ({ image, name, plan }) => runAndCheck(deps, { image, name, plan }),
    'containers:list': ({ all }) => deps.containers.list(all),
    'containers:follow': ({ id }) => deps.containers.follow(id),
    'containers:inspect': ({ id }) => deps.containers.inspect(id),
    'containers:unfollow': async ({ id }) => {
      deps.containers.unfollow(id);
      return ok(null);
    },
    'containers:stop': ({ id, timeoutSeconds }) => deps.containers.stop(id, timeoutSeconds),
    'containers:start': ({ id }) => deps.containers.start(id),
    'containers:restart': ({ id }) => deps.containers.restart(id),
    'containers:remove': ({ id }) => deps.containers.remove(id),
    'terminal:open': (request, { page }) => deps.terminals.open(page, request),
    'terminal:attach': ({ containerId, cols, rows }, { page }) =>
      deps.terminals.attach(page, containerId, cols, rows),
    'terminal:input': async ({ sessionId, data }, { page }) => deps.terminals.input(page, sessionId, data),
    'terminal:resize': ({ sessionId, cols, rows }, { page }) =>
      deps.terminals.resize(page, sessionId, cols, rows),
    'terminal:ack': async ({ sessionId, bytes }, { page }) => deps.terminals.ack(page, sessionId, bytes),
    'terminal:close': async ({ sessionId }, { page }) => deps.terminals.close(page, sessionId),
    'shell:open-external': async ({ url }) => {
      if (!isExternalLink(url))
        return fail('VALIDATION', 'Only http(s) links open in the browser.', { field: 'url' });
      await deps.openExternal(url);
      return ok(null);
    },
  };
}

/**
 * Validates raw input from any transport and runs the handler; never throws. `page` is the asking
 * page; a transport with one page may leave it out (it then hears every event).
 */
export type Dispatch = (
  channel: string,
  rawInput: unknown,
  signal?: AbortSignal,
  page?: RequestPage,
) => Promise<Result<unknown>>;

export function createDispatch(handlers: HandlerTable, emit: EventSink): Dispatch {
  const onlyPage = everyPage(emit);
  return async (channel, rawInput, signal = new AbortController().signal, page = onlyPage) => {
    if (!isRequestChannel(channel))
      return fail('UNKNOWN_CHANNEL', `There is no request channel named "${channel}".`);
    const parsed = requestSchemas[channel].safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input.';
      return fail('VALIDATION', message, field ? { field } : {});
    }
    try {
      const handler = handlers[channel] as Handler<RequestChannel>;
      return await handler(parsed.data as never, { emit, signal, page });
    } catch (error) {
      // Only bugs land here: known failures are returned as values by the handlers.
      console.error(`[dockwright] ${channel} failed unexpectedly`, error);
      return fail(
        'INTERNAL',
        `Something went wrong in ${channel}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  };
}
