/*
 * SSH.CheckAgent / SSH.ForwardAgent for RUN --mount=type=ssh (moby/buildkit
 * session/sshforward/ssh.go and sshprovider/agentprovider.go): the engine opens one stream per
 * connection a build step makes to its forwarded socket, and the bytes are relayed to the
 * local agent's socket. The id comes from the `buildkit.ssh.id` metadata (`default` when absent).
 */
import { createConnection } from 'node:net';
import { GrpcError, GrpcStatus, readUnaryRequest, type GrpcHandler } from './grpc-server';
import { sessionMethod } from './session-protos';

const DEFAULT_ID = 'default';

/** `agents` maps an ssh id (`default` for `--ssh default`) to an agent socket path. */
export function sshHandlers(agents: ReadonlyMap<string, string>): Map<string, GrpcHandler> {
  const check = sessionMethod('/moby.sshforward.v1.SSH/CheckAgent');
  const forward = sessionMethod('/moby.sshforward.v1.SSH/ForwardAgent');
  const bytes = forward.requestType;
  const agentFor = (id: string): string => {
    const socket = agents.get(id || DEFAULT_ID);
    if (!socket) throw new GrpcError(GrpcStatus.NOT_FOUND, `unset ssh forward key ${id || DEFAULT_ID}`);
    return socket;
  };
  return new Map<string, GrpcHandler>([
    [
      check.path,
      async (call) => {
        const request = check.requestType.toObject(check.requestType.decode(await readUnaryRequest(call)), {
          defaults: true,
        }) as { ID: string };
        agentFor(request.ID);
        await call.send(check.responseType.encode(check.responseType.create({})).finish());
      },
    ],
    [
      forward.path,
      async (call) => {
        const path = agentFor(call.metadata.get('buildkit.ssh.id')?.[0] ?? DEFAULT_ID);
        const agent = createConnection(path);
        await new Promise<void>((resolve, reject) => {
          agent.once('connect', resolve);
          agent.once('error', (error) =>
            reject(new GrpcError(GrpcStatus.UNAVAILABLE, `ssh agent ${path}: ${error.message}`)),
          );
        });
        const onAbort = (): void => {
          agent.destroy();
        };
        call.signal.addEventListener('abort', onAbort, { once: true });
        const fromAgent = (async () => {
          for await (const chunk of agent as AsyncIterable<Buffer>) {
            await call.send(bytes.encode(bytes.create({ data: chunk })).finish());
          }
        })();
        try {
          for await (const message of call.messages) {
            const { data } = bytes.toObject(bytes.decode(message), { defaults: true }) as {
              data: Uint8Array;
            };
            if (data.length > 0 && !agent.write(data))
              await new Promise((resolve) => agent.once('drain', resolve));
          }
          // The step closed its end: let the agent finish its answer, then close.
          agent.end();
          await fromAgent;
        } finally {
          call.signal.removeEventListener('abort', onAbort);
          agent.destroy();
        }
      },
    ],
  ]);
}
