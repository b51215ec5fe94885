import { readUnaryRequest, type GrpcHandler } from './grpc-server';
import { sessionMethod } from './session-protos';

/** The health check the engine calls every second; a failure makes it drop the session. */
export function healthHandlers(): Map<string, GrpcHandler> {
  const check = sessionMethod('/grpc.health.v1.Health/Check');
  const serving = check.responseType.encode(check.responseType.create({ status: 1 })).finish();
  return new Map([
    [
      check.path,
      async (call) => {
        await readUnaryRequest(call);
        await call.send(serving);
      },
    ],
  ]);
}
