/*
 * What a BuildKit session serves for RUN --mount=type=secret and --mount=type=ssh: the secrets'
 * bytes, read when the build starts, and the SSH agent to forward. Read in main only; the bytes
 * never reach an event, the history or a log line.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { BuildRequest } from '../../shared/builds/build-request';
import { fail, ok, type Result } from '../../shared/result';
import { openUserFile, userFileFailure } from '../fs/safe-files';

/** BuildKit's own limit on one secret (moby/buildkit session/secrets MaxSecretSize). */
export const MAX_SECRET_BYTES = 500 * 1024;

/** The session's secrets (id → bytes) and ssh agents (`default` → socket path). */
export interface BuildSessionExtras {
  secrets: Map<string, Uint8Array>;
  sshAgents: Map<string, string>;
}

type Env = Readonly<Record<string, string | undefined>>;

async function readSecretFile(path: string, id: string, field: string): Promise<Result<Uint8Array>> {
  const label = `The file of secret ${id}`;
  const opened = await openUserFile(path, { label });
  if (!opened.ok) return userFileFailure(opened.problem, field);
  const handle = opened.value;
  try {
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_SECRET_BYTES)
      return fail('VALIDATION', `${label} ${path} is larger than BuildKit's 500 KB limit for a secret.`, {
        field,
      });
    return ok(buffer.subarray(0, length));
  } catch (error) {
    return fail('VALIDATION', `${label} ${path} cannot be read: ${(error as Error).message}`, { field });
  } finally {
    await handle.close();
  }
}

/** Reads every secret of the request and finds the SSH agent; problems come back at their form field. */
export async function resolveSessionExtras(
  request: Pick<BuildRequest, 'secrets' | 'ssh'>,
  env: Env,
): Promise<Result<BuildSessionExtras>> {
  const secrets = new Map<string, Uint8Array>();
  for (const [index, secret] of (request.secrets ?? []).entries()) {
    if (secret.src !== null) {
      const read = await readSecretFile(secret.src, secret.id, `secrets.${index}.src`);
      if (!read.ok) return read;
      secrets.set(secret.id, read.value);
    } else if (secret.env !== null) {
      const value = env[secret.env];
      if (value === undefined)
        return fail(
          'VALIDATION',
          `Dockwright's environment has no variable ${secret.env} (start Dockwright with it set).`,
          { field: `secrets.${index}.env` },
        );
      secrets.set(secret.id, Buffer.from(value, 'utf8'));
    } else {
      return fail('VALIDATION', `Choose the file or name the variable that holds secret ${secret.id}.`, {
        field: `secrets.${index}.src`,
      });
    }
  }
  const sshAgents = new Map<string, string>();
  if (request.ssh) {
    const socket = env['SSH_AUTH_SOCK'];
    if (!socket || !isAbsolute(socket))
      return fail('VALIDATION', 'No SSH agent to forward: SSH_AUTH_SOCK is not set for Dockwright.', {
        field: 'ssh',
      });
    const info = await stat(socket).catch(() => null);
    if (!info?.isSocket())
      return fail('VALIDATION', `No SSH agent to forward: ${socket} (SSH_AUTH_SOCK) is not a socket.`, {
        field: 'ssh',
      });
    sshAgents.set('default', socket);
  }
  return ok({ secrets, sshAgents });
}
