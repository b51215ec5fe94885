import type Docker from 'dockerode';
import type { EngineStatus, TriedPlace } from '../../shared/engine-status';
import { describeConnectionError } from './describe-connection-error';
import type { Discovery, EngineCandidate, EngineEndpoint } from './discovery-types';
import { readEngineInfo } from './read-engine-info';
import { pingEngine } from './abortable-calls';

/** What the connection needs from the outside world; all injectable so tests can drive it. */
export interface EngineConnectionDeps {
  discover(): Promise<Discovery>;
  createClient(endpoint: EngineEndpoint): Docker;
  onStatus(status: EngineStatus): void;
  /** The engine's event stream reported an image event (pull, tag, untag, delete, build…). */
  onImagesChanged(action: string): void;
  probeTimeoutMs?: number;
  /** Retry delays while no engine answers; the last one repeats. */
  retryDelaysMs?: readonly number[];
  healthIntervalMs?: number;
  now?: () => number;
}

/** The live link to the engine: who it is, and a client while it answers. */
export interface EngineConnection {
  status(): EngineStatus;
  /** The client of the connected engine, or null while none answers. */
  client(): Docker | null;
  /** Looks again now (after a settings change, or when a request failed to reach the engine). */
  reconnect(): Promise<EngineStatus>;
  dispose(): void;
}

/**
 * Finds an engine, keeps watching it, and finds it again when it comes back.
 *
 * Going away is noticed at once through the `/events` stream closing, with a periodic ping as a
 * net for streams that hang; coming back is noticed by retrying with backoff. Either way the
 * renderer hears a new status and recovers without a reload.
 */
export function createEngineConnection(deps: EngineConnectionDeps): EngineConnection {
  const probeTimeoutMs = deps.probeTimeoutMs ?? 2000;
  const retryDelays = deps.retryDelaysMs ?? [500, 1000, 2000, 4000, 5000];
  const healthIntervalMs = deps.healthIntervalMs ?? 5000;
  const now = deps.now ?? Date.now;

  let status: EngineStatus = { state: 'connecting' };
  let docker: Docker | null = null;
  let watch: AbortController | null = null;
  let healthTimer: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let probing: Promise<EngineStatus> | null = null;
  let disposed = false;

  const publish = (next: EngineStatus): EngineStatus => {
    status = next;
    if (!disposed) deps.onStatus(next);
    return next;
  };

  const stopWatching = (): void => {
    watch?.abort();
    watch = null;
    if (healthTimer) clearInterval(healthTimer);
    healthTimer = null;
  };

  const lost = (): void => {
    if (disposed || !docker) return;
    docker = null;
    stopWatching();
    void reconnect();
  };

  const startWatching = async (client: Docker): Promise<void> => {
    const controller = new AbortController();
    watch = controller;
    healthTimer = setInterval(() => {
      pingEngine(client, AbortSignal.timeout(probeTimeoutMs)).catch(() => {
        if (watch === controller) lost();
      });
    }, healthIntervalMs);
    try {
      const stream = (await client.getEvents({
        abortSignal: controller.signal,
        filters: { type: ['image'] },
      })) as NodeJS.ReadableStream;
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            const event = JSON.parse(line) as { Action?: string };
            deps.onImagesChanged(event.Action ?? 'unknown');
          } catch {
            // A partial or foreign line: the next full event refreshes the list anyway.
          }
        }
      });
      const ended = (): void => {
        if (watch === controller) lost();
      };
      stream.on('end', ended);
      stream.on('close', ended);
      stream.on('error', ended);
    } catch {
      if (watch === controller) lost();
    }
  };

  const scheduleRetry = (): number => {
    const delay = retryDelays[Math.min(failures, retryDelays.length - 1)] ?? 5000;
    failures += 1;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void reconnect();
    }, delay);
    return now() + delay;
  };

  const tryCandidate = async (
    candidate: EngineCandidate,
  ): Promise<{ client: Docker } | { tried: TriedPlace }> => {
    let client: Docker;
    try {
      client = deps.createClient(candidate.endpoint);
      await pingEngine(client, AbortSignal.timeout(probeTimeoutMs));
      return { client };
    } catch (error) {
      const { error: message, hint } = describeConnectionError(candidate, error);
      const tried: TriedPlace = {
        source: candidate.source,
        label: candidate.label,
        address: candidate.address,
        error: message,
      };
      if (hint) tried.hint = hint;
      return { tried };
    }
  };

  const probe = async (): Promise<EngineStatus> => {
    const discovery = await deps.discover();
    const tried: TriedPlace[] = [];
    for (const candidate of discovery.candidates) {
      const attempt = await tryCandidate(candidate);
      if (disposed) return status;
      if ('tried' in attempt) {
        tried.push(attempt.tried);
        continue;
      }
      try {
        const info = await readEngineInfo(attempt.client, AbortSignal.timeout(probeTimeoutMs * 2));
        failures = 0;
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = null;
        stopWatching();
        docker = attempt.client;
        void startWatching(attempt.client);
        return publish({
          state: 'connected',
          info,
          endpoint: { source: candidate.source, label: candidate.label, address: candidate.address },
          since: now(),
        });
      } catch (error) {
        tried.push({
          ...describeConnectionError(candidate, error),
          source: candidate.source,
          label: candidate.label,
          address: candidate.address,
        });
      }
    }
    docker = null;
    stopWatching();
    return publish({
      state: 'unavailable',
      tried,
      problems: discovery.problems.map((problem) => problem.message),
      exclusive: discovery.exclusive,
      nextRetryAt: scheduleRetry(),
    });
  };

  function reconnect(): Promise<EngineStatus> {
    if (disposed) return Promise.resolve(status);
    probing ??= probe().finally(() => {
      probing = null;
    });
    return probing;
  }

  void reconnect();

  return {
    status: () => status,
    client: () => docker,
    reconnect: () => {
      failures = 0;
      return reconnect();
    },
    dispose: () => {
      disposed = true;
      stopWatching();
      if (retryTimer) clearTimeout(retryTimer);
      docker = null;
    },
  };
}
