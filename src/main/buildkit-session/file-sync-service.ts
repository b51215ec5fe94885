/*
 * FileSync.DiffCopy, the sending side (tonistiigi/fsutil send.go, 0834f99b and 6d9dc2eb): every
 * entry goes out as a STAT packet (its id is its index), an empty STAT ends the list, the
 * engine answers REQ <id> for the files whose content it lacks, each gets DATA packets and an
 * empty DATA, and FIN is answered with FIN. Metadata names the folder (`dir-name`) and the
 * filter (`include-patterns`, `exclude-patterns`, `followpaths`; moby/buildkit
 * session/filesync/filesync.go).
 */
import { open } from 'node:fs/promises';
import { ContextError } from '../context/context-error';
import { DockerignorePatternError } from '../context/dockerignore-matcher';
import { GrpcError, GrpcStatus, type GrpcCall, type GrpcHandler } from './grpc-server';
import { listSyncEntries, type SyncEntry, type SyncFilter } from './list-sync-entries';
import { sessionMethod, sessionType } from './session-protos';
import { canRequestData } from './session-stat';

export const PacketType = { STAT: 0, REQ: 1, DATA: 2, FIN: 3, ERR: 4 } as const;

/** A folder the engine may read, under the name it asks for. */
export interface SyncedDir {
  /** `context` or `dockerfile` for a build. */
  name: string;
  dir: string;
  /** `root` sends uid/gid 0, as the CLI does for the context. */
  owner: 'keep' | 'root';
  /** Rewrites the engine's exclude patterns for this folder (null keeps them). */
  excludes?: (
    requested: readonly string[] | null,
    includes: readonly string[] | null,
  ) => readonly string[] | null;
  /** Hears what one request lists, before any of it is sent (cache insight reuses the walk). */
  onListed?: (entries: readonly SyncEntry[], filter: SyncFilter) => void;
}

/** What one DiffCopy call did. */
export interface SyncReport {
  dirName: string;
  filter: SyncFilter;
  /** STAT packets with an entry (the closing empty one not counted). */
  entries: number;
  /** REQ packets: files whose content the engine asked for. */
  requests: number;
  /** Content bytes sent in DATA packets. */
  bytes: number;
  durationMs: number;
}

/** Bytes of file content per DATA packet; far under the engine's 4 MiB message limit. */
const CHUNK_BYTES = 128 * 1024;
/** STAT packets go out in writes of about this size (a 20k-file context is ~2 MB of them). */
const STAT_BATCH_BYTES = 64 * 1024;
/** Files read at once while answering REQs (fsutil runs four senders). */
const SENDERS = 4;

interface DecodedPacket {
  type: number;
  ID: number;
  data: Uint8Array;
}

function first(call: GrpcCall, key: string): string | null {
  return call.metadata.get(key)?.[0] ?? null;
}

function list(call: GrpcCall, key: string): string[] | null {
  const values = call.metadata.get(key);
  return values ? [...values] : null;
}

async function sendFile(
  call: GrpcCall,
  id: number,
  entry: SyncEntry,
  encode: (packet: object) => Uint8Array,
): Promise<number> {
  let sent = 0;
  const handle = await open(entry.absPath, 'r').catch(() => null);
  // fsutil answers a file it cannot open with an empty content: the receiver then fails on size.
  if (handle) {
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        call.signal.throwIfAborted();
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
        if (bytesRead === 0) break;
        sent += bytesRead;
        await call.send(encode({ type: PacketType.DATA, ID: id, data: buffer.subarray(0, bytesRead) }));
      }
    } finally {
      await handle.close();
    }
  }
  await call.send(encode({ type: PacketType.DATA, ID: id }));
  return sent;
}

/** File ids the engine asked for, handed to the senders in order; null once no more will come. */
class RequestQueue {
  private readonly ids: number[] = [];
  private readonly waiting: Array<(id: number | null) => void> = [];
  private ended = false;

  push(id: number): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(id);
    else this.ids.push(id);
  }

  end(): void {
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter(null);
  }

  next(): Promise<number | null> {
    const id = this.ids.shift();
    if (id !== undefined) return Promise.resolve(id);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function describe(error: unknown): string {
  if (error instanceof ContextError || error instanceof DockerignorePatternError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The FileSync handlers serving `dirs`; `onReport` hears about every finished transfer. */
export function fileSyncHandlers(
  dirs: readonly SyncedDir[],
  onReport?: (report: SyncReport) => void,
): Map<string, GrpcHandler> {
  const method = sessionMethod('/moby.filesync.v1.FileSync/DiffCopy');
  const packet = sessionType('fsutil.types.Packet');
  const encode = (value: object): Uint8Array => packet.encode(value).finish();
  const byName = new Map(dirs.map((dir) => [dir.name, dir]));

  const diffCopy: GrpcHandler = async (call) => {
    const started = Date.now();
    const dirName = first(call, 'dir-name') ?? '';
    const dir = byName.get(dirName);
    if (!dir) throw new GrpcError(GrpcStatus.NOT_FOUND, `no access allowed to dir "${dirName}"`);
    const requestedExcludes = list(call, 'exclude-patterns');
    const includePatterns = list(call, 'include-patterns');
    const filter: SyncFilter = {
      includePatterns,
      excludePatterns: dir.excludes ? dir.excludes(requestedExcludes, includePatterns) : requestedExcludes,
      followPaths: list(call, 'followpaths'),
    };
    let entries: SyncEntry[];
    try {
      entries = await listSyncEntries(dir.dir, filter, dir.owner, call.signal);
      dir.onListed?.(entries, filter);
    } catch (error) {
      const message = describe(error);
      await call.send(encode({ type: PacketType.ERR, data: Buffer.from(message) })).catch(() => undefined);
      throw new GrpcError(GrpcStatus.UNKNOWN, message);
    }

    const report: SyncReport = {
      dirName,
      filter,
      entries: entries.length,
      requests: 0,
      bytes: 0,
      durationMs: 0,
    };
    const requestable = new Map<number, SyncEntry>();
    const requests = new RequestQueue();

    const senders = Array.from({ length: SENDERS }, async () => {
      for (let id = await requests.next(); id !== null; id = await requests.next()) {
        const entry = requestable.get(id)!;
        requestable.delete(id);
        // Not `report.bytes += await …`: that reads the total before the await, and the four
        // senders would overwrite each other's counts.
        const sent = await sendFile(call, id, entry, encode);
        report.bytes += sent;
      }
    });

    const sendStats = async (): Promise<void> => {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      for (let id = 0; id < entries.length; id++) {
        const entry = entries[id]!;
        if (canRequestData(entry.stat.mode)) requestable.set(id, entry);
        const stat = encode({ type: PacketType.STAT, stat: entry.stat });
        batch.push(stat);
        batchBytes += stat.length;
        if (batchBytes >= STAT_BATCH_BYTES) {
          await call.sendAll(batch);
          batch = [];
          batchBytes = 0;
        }
      }
      batch.push(encode({ type: PacketType.STAT }));
      await call.sendAll(batch);
    };

    const receive = async (): Promise<boolean> => {
      try {
        for await (const message of call.messages) {
          const received = packet.toObject(packet.decode(message), { defaults: true }) as DecodedPacket;
          switch (received.type) {
            case PacketType.REQ:
              if (!requestable.has(received.ID)) {
                throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, `invalid file id ${received.ID}`);
              }
              report.requests++;
              requests.push(received.ID);
              break;
            case PacketType.FIN:
              return true;
            case PacketType.ERR:
              throw new GrpcError(
                GrpcStatus.UNKNOWN,
                `error from receiver: ${Buffer.from(received.data).toString('utf8')}`,
              );
          }
        }
        return false;
      } finally {
        requests.end();
      }
    };

    const [, finished] = await Promise.all([sendStats(), receive(), ...senders]);
    if (!finished) throw new GrpcError(GrpcStatus.CANCELLED, 'the engine ended the transfer before FIN');
    await call.send(encode({ type: PacketType.FIN }));
    report.durationMs = Date.now() - started;
    onReport?.(report);
  };
  return new Map([[method.path, diffCopy]]);
}
