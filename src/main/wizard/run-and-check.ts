/**
 * Runs an image the wizard built and checks it works (`wizard:run-check`): a server must answer on
 * its port, a script must exit 0, anything else must stay up. The container is started through the
 * app's own runner, so it shows in Containers with its output while the check waits.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import type { RunCheckPlan, RunCheckResult } from '../../shared/wizard/run-check';
import type { EngineConnection } from '../engine/engine-connection';
import { containerLogText } from '../engine/container-log-frames';
import type { ContainerRunner } from '../run/container-runner';
import { suggestHostPort } from '../run/host-ports';

const POLL_MS = 500;
const PROBE_TIMEOUT_MS = 1500;
/** Lines of the container's output the result carries. */
const LOG_LINES = 200;

/** A probe's answer: HTTP with its status, a TCP listener that does not speak HTTP, or nothing yet. */
type Answer = { kind: 'http'; status: number } | { kind: 'tcp' } | null;

export interface RunCheckDeps {
  connection: EngineConnection;
  containers: ContainerRunner;
}

/** Starts `image`, checks it by `plan`, and says what happened; bounded by the plan's seconds. */
export async function runAndCheck(
  deps: RunCheckDeps,
  { image, name: chosenName, plan }: { image: string; name: string | null; plan: RunCheckPlan },
): Promise<Result<RunCheckResult>> {
  const docker = deps.connection.client();
  if (!docker) return fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected.');
  const hostPort = plan.kind === 'port' ? await suggestHostPort(plan.port) : 0;
  if (plan.kind === 'port' && hostPort === 0)
    return fail('CONFLICT', `No free port on this machine near ${plan.port} to publish the app on.`);
  const started = await deps.containers.run({
    image,
    name: chosenName,
    ports: plan.kind === 'port' ? [{ hostPort, containerPort: plan.port, protocol: 'tcp' }] : [],
    env: {},
    mounts: [],
    command: null,
    removeWhenStopped: false,
    interactive: false,
  });
  if (!started.ok) {
    // The engine refusing to start the command (a program not in the image) is the check's answer.
    if (started.error.code !== 'ENGINE_ERROR') return started;
    return ok({
      passed: false,
      summary: 'It could not start: the engine refused to run its start command.',
      containerId: '',
      containerName: '',
      kept: false,
      url: null,
      exitCode: null,
      log: started.error.message,
      stopped: false,
    });
  }
  const { id, name } = started.value;
  const host = engineHost(docker);
  const deadline = Date.now() + plan.seconds * 1000;
  let outcome: { passed: boolean; summary: string; url: string | null } | null = null;
  let state: ContainerState = { status: 'running', exitCode: null };
  let heardTcp = false;

  while (outcome === null) {
    state = await containerState(docker, id);
    if (state.status === 'gone') break;
    if (state.status === 'exited' || state.status === 'dead') {
      outcome =
        plan.kind === 'exits' && state.exitCode === 0
          ? { passed: true, summary: 'It ran and ended with exit code 0.', url: null }
          : { passed: false, summary: endedSummary(plan, state.exitCode), url: null };
      break;
    }
    if (plan.kind === 'port') {
      const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${hostPort}/`;
      const answer = await probe(docker, id, host, hostPort, plan.port);
      if (answer?.kind === 'http')
        outcome = { passed: true, summary: `Answered HTTP ${answer.status} at ${url}`, url };
      // A listener that never speaks HTTP (a database, PHP-FPM) is a pass once HTTP had its chance.
      else if (answer?.kind === 'tcp' && heardTcp)
        outcome = {
          passed: true,
          summary: `Accepts connections on port ${plan.port} (published at ${host}:${hostPort}); it does not answer HTTP.`,
          url: null,
        };
      heardTcp ||= answer?.kind === 'tcp';
    }
    if (outcome === null && Date.now() >= deadline) {
      outcome =
        plan.kind === 'stays-up'
          ? { passed: true, summary: `Still running after ${plan.seconds} s.`, url: null }
          : plan.kind === 'port'
            ? {
                passed: false,
                summary: `Nothing answered on port ${plan.port} within ${plan.seconds} s, though the container kept running.`,
                url: null,
              }
            : {
                passed: false,
                summary: `Still running after ${plan.seconds} s: a script is expected to end.`,
                url: null,
              };
    }
    if (outcome === null) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  const log = await lastOutput(docker, id);
  if (state.status === 'gone' || outcome === null) {
    return ok({
      passed: false,
      summary: 'The container was removed before the check ended.',
      containerId: id,
      containerName: name,
      kept: false,
      url: null,
      exitCode: null,
      log,
      stopped: true,
    });
  }
  // A server that works keeps running, as `docker run -d` would leave it; the rest is cleaned up.
  const keep = outcome.passed && plan.kind !== 'exits';
  if (!keep) await deps.containers.remove(id);
  return ok({
    ...outcome,
    containerId: id,
    containerName: name,
    kept: keep,
    exitCode: state.exitCode,
    log,
    stopped: false,
  });
}

function endedSummary(plan: RunCheckPlan, exitCode: number | null): string {
  if (plan.kind === 'exits') return `It ended with exit code ${exitCode ?? '?'}.`;
  return `It stopped by itself with exit code ${exitCode ?? '?'}${plan.kind === 'port' ? ` before anything answered on port ${plan.port}` : ''}.`;
}

type ContainerState = { status: 'running' | 'exited' | 'dead' | 'gone' | 'other'; exitCode: number | null };

async function containerState(docker: Docker, id: string): Promise<ContainerState> {
  try {
    const info = await docker.getContainer(id).inspect();
    const status = info.State.Status;
    return {
      status: status === 'running' || status === 'exited' || status === 'dead' ? status : 'other',
      exitCode: status === 'exited' || status === 'dead' ? info.State.ExitCode : null,
    };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { status: 'gone', exitCode: null };
    throw error;
  }
}

/** Where published ports are reachable: the engine's TCP host, or this machine for a local socket. */
function engineHost(docker: Docker): string {
  const modem = docker.modem as { host?: string; socketPath?: string };
  return modem.host && !modem.socketPath ? modem.host : '127.0.0.1';
}

/**
 * One look at the server: HTTP on the published port (any answer counts), else a TCP connect to the
 * container itself. The engine's port proxy accepts connections even when nothing listens inside,
 * so TCP is only trusted without it — straight to the container's address on a local engine.
 */
async function probe(
  docker: Docker,
  id: string,
  host: string,
  hostPort: number,
  containerPort: number,
): Promise<Answer> {
  const status = await httpStatus(host, hostPort);
  if (status !== null) return { kind: 'http', status };
  const modem = docker.modem as { socketPath?: string };
  if (!modem.socketPath) return null;
  const info = await docker
    .getContainer(id)
    .inspect()
    .catch(() => null);
  const networks = Object.values(info?.NetworkSettings.Networks ?? {});
  const address = networks.find((network) => network.IPAddress)?.IPAddress;
  return address && (await tcpOpens(address, containerPort)) ? { kind: 'tcp' } : null;
}

function httpStatus(host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const request = httpRequest({
      host,
      port,
      path: '/',
      method: 'GET',
      agent: false,
      timeout: PROBE_TIMEOUT_MS,
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
    request.end();
  });
}

function tcpOpens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The container's last output lines, stdout and stderr in order (demultiplexed: no TTY). */
async function lastOutput(docker: Docker, id: string): Promise<string> {
  const raw = (await docker
    .getContainer(id)
    .logs({ stdout: true, stderr: true, tail: LOG_LINES, follow: false })
    .catch(() => Buffer.alloc(0))) as Buffer;
  return containerLogText(raw);
}
