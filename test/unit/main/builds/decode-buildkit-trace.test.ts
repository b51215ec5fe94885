import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import * as protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  decodeBuildKitTrace,
  normalizeBuildMessage,
} from '../../../../src/main/builds/decode-buildkit-trace';
import {
  BUILD_STREAM_SCENARIOS,
  FIXTURE_ENGINE_NAMES,
  buildStreamFixturePath,
  readBuildStreamFixture,
  type FixtureEngine,
} from '../../../support/record-build-stream';

/** Every BuildKit recording of both engines (dockerd 20.10 and Docker 26.1), as [name, engine]. */
const buildkitFixtures = FIXTURE_ENGINE_NAMES.flatMap((engine) =>
  BUILD_STREAM_SCENARIOS.filter((scenario) => scenario.builder === 'buildkit').map(
    (scenario): [string, FixtureEngine] => [scenario.name, engine],
  ),
);

/** dockerode's own schema, loaded separately here to encode test messages. */
function statusResponseType(): protobuf.Type {
  const dockerode = dirname(createRequire(import.meta.url).resolve('dockerode/package.json'));
  const source = readFileSync(join(dockerode, 'lib/proto/buildkit_status.proto'), 'utf8');
  return protobuf.parse(source, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse');
}

function encode(message: Record<string, unknown>): string {
  const type = statusResponseType();
  return Buffer.from(type.encode(type.fromObject(message)).finish()).toString('base64');
}

function traces(name: string, engine: FixtureEngine = 'engine1'): string[] {
  return (readBuildStreamFixture(name, engine) as Array<{ id?: string; aux?: unknown }>)
    .filter((message) => message.id === 'moby.buildkit.trace' && typeof message.aux === 'string')
    .map((message) => message.aux as string);
}

/** dockerode 5's BuildKit-aware followProgress, which @types/dockerode 4 does not know yet. */
type FollowProgress = (
  stream: NodeJS.ReadableStream,
  onFinished: (error: Error | null) => void,
  onProgress: (event: { stream?: string }) => void,
) => void;

/** What dockerode's own followProgress prints for a recorded stream. */
async function dockerodeLines(name: string, engine: FixtureEngine): Promise<string[]> {
  const docker = new Docker() as Docker & { followProgress: FollowProgress };
  const stream = new PassThrough();
  const lines: string[] = [];
  const finished = new Promise<void>((resolve, reject) =>
    docker.followProgress(
      stream,
      (error) => (error ? reject(error) : resolve()),
      (event) => {
        if (event.stream) lines.push(event.stream.replace(/\n$/, ''));
      },
    ),
  );
  stream.end(readFileSync(buildStreamFixturePath(name, engine)));
  await finished;
  return lines;
}

describe('decodeBuildKitTrace', () => {
  it.each(buildkitFixtures)('%s (%s): decodes every recorded trace into typed fields', (name, engine) => {
    const all = traces(name, engine).map(decodeBuildKitTrace);
    expect(all.length).toBeGreaterThan(3);
    for (const status of all) {
      for (const vertex of status.vertexes) {
        expect(vertex.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(typeof vertex.name).toBe('string');
        expect(typeof vertex.cached).toBe('boolean');
        expect(typeof vertex.error).toBe('string');
        for (const input of vertex.inputs) expect(input).toMatch(/^sha256:/);
        for (const time of [vertex.started, vertex.completed]) {
          // Recorded in this decade, in ms since epoch, or not set.
          if (time !== null) expect(time).toBeGreaterThan(Date.UTC(2020, 0, 1));
        }
      }
      for (const log of status.logs) {
        expect(Object.getPrototypeOf(log.msg)).toBe(Uint8Array.prototype);
        expect([1, 2]).toContain(log.stream);
      }
      for (const entry of status.statuses) expect(typeof entry.current).toBe('number');
    }
  });

  it.each(buildkitFixtures)(
    '%s (%s): agrees with what dockerode itself decodes from the same stream',
    async (name, engine) => {
      // dockerode prints `[<digest 12>] <name>` for started vertexes, `ERROR: …`, and each log as
      // base64 (it never decodes the bytes, which is why we decode ourselves).
      const printed = await dockerodeLines(name, engine);
      const all = traces(name, engine).map(decodeBuildKitTrace);
      const ours: string[] = [];
      for (const status of all) {
        for (const vertex of status.vertexes) {
          if (vertex.name && vertex.started !== null && vertex.completed === null) {
            ours.push(`[${vertex.digest.substring(0, 12)}] ${vertex.name}`);
          }
          if (vertex.error) ours.push(`ERROR: ${vertex.error}`);
          if (vertex.completed !== null && vertex.cached) ours.push(`CACHED: ${vertex.name}`);
        }
        for (const log of status.logs) ours.push(Buffer.from(log.msg).toString('base64'));
      }
      const fromDockerode = printed.filter(
        (line) => !/^(Built image: |Successfully tagged |.*: \d+% \()/.test(line),
      );
      // Engine 2 refuses the Dockerfile after one vertex (load build definition), so one line at least.
      expect(fromDockerode.length).toBeGreaterThan(0);
      expect(ours).toEqual(fromDockerode);
    },
  );

  it('turns timestamps into ms since epoch and leaves unset ones null', () => {
    const [vertex] = decodeBuildKitTrace(
      encode({
        vertexes: [
          {
            digest: 'sha256:a',
            name: '[1/2] RUN true',
            started: { seconds: 1_700_000_000, nanos: 123_456_789 },
          },
        ],
      }),
    ).vertexes;
    expect(vertex).toEqual({
      digest: 'sha256:a',
      inputs: [],
      name: '[1/2] RUN true',
      cached: false,
      started: 1_700_000_000_123,
      completed: null,
      error: '',
      progressGroup: null,
    });
  });

  it('decodes logs and warnings with their bytes, levels and ranges', () => {
    const decoded = decodeBuildKitTrace(
      encode({
        logs: [
          {
            vertex: 'sha256:a',
            stream: 2,
            msg: Buffer.from('héllo\n'),
            timestamp: { seconds: 1, nanos: 5_000_000 },
          },
        ],
        warnings: [
          {
            vertex: 'sha256:a',
            level: 1,
            short: Buffer.from('short'),
            detail: [Buffer.from('one'), Buffer.from('two')],
            url: 'https://docs.docker.com/go/dockerfile/rule/x/',
            info: { filename: 'Dockerfile', data: Buffer.from('FROM x') },
            ranges: [{ start: { line: 3, character: 1 }, end: { line: 3, character: 9 } }],
          },
        ],
      }),
    );
    expect(decoded.logs).toEqual([
      { vertex: 'sha256:a', timestamp: 1005, stream: 2, msg: new Uint8Array(Buffer.from('héllo\n')) },
    ]);
    expect(decoded.warnings).toEqual([
      {
        vertex: 'sha256:a',
        level: 1,
        short: new Uint8Array(Buffer.from('short')),
        detail: [new Uint8Array(Buffer.from('one')), new Uint8Array(Buffer.from('two'))],
        url: 'https://docs.docker.com/go/dockerfile/rule/x/',
        info: { filename: 'Dockerfile', data: new Uint8Array(Buffer.from('FROM x')) },
        ranges: [{ start: { line: 3, character: 1 }, end: { line: 3, character: 9 } }],
      },
    ]);
  });

  it('gives empty lists for an empty message and throws on bytes that are not one', () => {
    expect(decodeBuildKitTrace('')).toEqual({ vertexes: [], statuses: [], logs: [], warnings: [] });
    expect(() => decodeBuildKitTrace(Buffer.from([0x0a, 0xff, 0xff, 0xff]).toString('base64'))).toThrow();
  });
});

describe('normalizeBuildMessage', () => {
  it('decodes the aux of a trace message and keeps its other fields', () => {
    const aux = traces('buildkit-simple')[0] ?? '';
    expect(normalizeBuildMessage({ id: 'moby.buildkit.trace', aux })).toEqual({
      id: 'moby.buildkit.trace',
      aux: decodeBuildKitTrace(aux),
    });
  });

  it('returns every other message as it is', () => {
    for (const message of [
      { id: 'moby.image.id', aux: { ID: 'sha256:abc' } },
      { stream: 'Step 1/2 : FROM x' },
      { aux: { ID: 'sha256:abc' } },
      { error: 'boom', errorDetail: { message: 'boom' } },
      { id: 'moby.buildkit.trace', aux: { already: 'decoded' } },
      'text',
      null,
    ]) {
      expect(normalizeBuildMessage(message)).toBe(message);
    }
  });
});
