/*
 * The protobuf schemas of the BuildKit session services, parsed once into one protobufjs root.
 * See proto/README.md for where each schema comes from.
 */
import * as protobuf from 'protobufjs';
import authProto from './proto/auth.proto?raw';
import filesyncProto from './proto/filesync.proto?raw';
import fsutilTypesProto from './proto/fsutil-types.proto?raw';
import healthProto from './proto/health.proto?raw';
import secretsProto from './proto/secrets.proto?raw';
import sshProto from './proto/ssh.proto?raw';

/** One gRPC method as the schema declares it. */
export interface SessionMethod {
  /** `/package.Service/Method`, the HTTP/2 path and the name the session header announces. */
  path: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
  requestStream: boolean;
  responseStream: boolean;
}

let root: protobuf.Root | null = null;

function sessionRoot(): protobuf.Root {
  if (!root) {
    const next = new protobuf.Root();
    // Imports name sibling files; parsing every file into one root resolves them without file access.
    for (const text of [fsutilTypesProto, filesyncProto, authProto, secretsProto, sshProto, healthProto]) {
      protobuf.parse(text, next, { keepCase: true });
    }
    next.resolveAll();
    root = next;
  }
  return root;
}

/** A message type by its full name, e.g. `fsutil.types.Packet`. */
export function sessionType(name: string): protobuf.Type {
  return sessionRoot().lookupType(name);
}

/** A method by its path, e.g. `/moby.filesync.v1.FileSync/DiffCopy`. */
export function sessionMethod(path: string): SessionMethod {
  const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) throw new Error(`not a gRPC method path: ${path}`);
  const service = sessionRoot().lookupService(match[1]!);
  const method = service.methods[match[2]!];
  if (!method) throw new Error(`no method ${path} in the session schemas`);
  method.resolve();
  return {
    path,
    requestType: method.resolvedRequestType!,
    responseType: method.resolvedResponseType!,
    requestStream: method.requestStream === true,
    responseStream: method.responseStream === true,
  };
}
