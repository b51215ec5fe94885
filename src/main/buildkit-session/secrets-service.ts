/*
 * Secrets.GetSecret for RUN --mount=type=secret (moby/buildkit session/secrets/secrets.go): the
 * engine asks by id and mounts the bytes in a tmpfs; they never enter a layer, the cache key or
 * the history. An unknown id answers NOT_FOUND, which the engine reports as a missing secret
 * (or skips, for `required=false`).
 */
import { GrpcError, GrpcStatus, readUnaryRequest, type GrpcHandler } from './grpc-server';
import { sessionMethod } from './session-protos';

export function secretsHandlers(secrets: ReadonlyMap<string, Uint8Array>): Map<string, GrpcHandler> {
  const getSecret = sessionMethod('/moby.buildkit.secrets.v1.Secrets/GetSecret');
  return new Map<string, GrpcHandler>([
    [
      getSecret.path,
      async (call) => {
        const request = getSecret.requestType.toObject(
          getSecret.requestType.decode(await readUnaryRequest(call)),
          {
            defaults: true,
          },
        ) as { ID: string };
        const data = secrets.get(request.ID);
        if (!data) throw new GrpcError(GrpcStatus.NOT_FOUND, `secret ${request.ID} not found`);
        await call.send(getSecret.responseType.encode(getSecret.responseType.create({ data })).finish());
      },
    ],
  ]);
}
