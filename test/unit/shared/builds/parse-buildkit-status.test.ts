/**
 * The BuildKit parser on streams recorded from both engines: dockerd 20.10 (BuildKit 0.8) and
 * Docker 26.1 (BuildKit 0.13, containerd image store) — test/unit/fixtures/build-streams and its
 * docker-26.1 folder, re-checked against each engine by
 * test/integration/build-stream-fixtures.test.ts — decoded the way main decodes them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  decodeBuildKitTrace,
  normalizeBuildMessage,
} from '../../../../src/main/builds/decode-buildkit-trace';
import type { BuildStep, BuildUpdate, StepStatus } from '../../../../src/shared/builds/build-model';
import {
  createBuildKitParser,
  type DecodedStatusResponse,
} from '../../../../src/shared/builds/parse-buildkit-status';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import {
  FIXTURE_ENGINE_NAMES,
  buildStreamScenario,
  readBuildStreamFixture,
  replayBuildStream,
  type BuildReplay,
  type FixtureEngine,
} from '../../../support/record-build-stream';

interface Message {
  id?: string;
  aux?: unknown;
  error?: string;
  errorDetail?: { message?: string };
  stream?: string;
}

function replay(name: string, messages: unknown[]): BuildReplay {
  const analysis = analyzeDockerfile(buildStreamScenario(name).dockerfile);
  return replayBuildStream(
    createBuildKitParser(analysis, () => 0),
    messages,
  );
}

function decodedTraces(name: string, engine: FixtureEngine): DecodedStatusResponse[] {
  return (readBuildStreamFixture(name, engine) as Message[])
    .filter((message) => message.id === 'moby.buildkit.trace' && typeof message.aux === 'string')
    .map((message) => decodeBuildKitTrace(message.aux as string));
}

/** What the two engines word differently (each as recorded). */
const WORDING: Record<FixtureEngine, { fromDigest: RegExp; loadStep: string; syntaxError: string }> = {
  engine1: {
    fromDigest: /^$/,
    loadStep: '[internal] load remote build context',
    syntaxError:
      'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown instruction: FOO',
  },
  // The image is named with its digest; the Dockerfile and the context come through the session,
  // the context only when a step reads it.
  engine2: {
    fromDigest: /^@sha256:[0-9a-f]{64}$/,
    loadStep: '[internal] load build definition from Dockerfile',
    syntaxError: 'dockerfile parse error on line 3: unknown instruction: FOO (did you mean FROM?)',
  },
};

/** BuildKit reports FROM and WORKDIR vertexes cached or not from run to run, even with `nocache`. */
const DONE_OR_CACHED = 'done|cached';

type StepRow = [
  instruction: string,
  stage: string,
  position: string,
  line: number,
  status: StepStatus | typeof DONE_OR_CACHED,
];

function rows(steps: BuildStep[]): StepRow[] {
  return steps
    .filter((step) => !step.internal && !step.instruction.startsWith('FROM '))
    .map((step): StepRow => [
      step.instruction,
      step.stage ?? '',
      `${step.index}/${step.total}`,
      step.line ?? 0,
      step.instruction.startsWith('WORKDIR ') && step.status !== 'error' ? DONE_OR_CACHED : step.status,
    ])
    .sort((a, b) => a[3] - b[3]);
}

describe.each(FIXTURE_ENGINE_NAMES)('createBuildKitParser on streams recorded from %s', (engine) => {
  const fixture = (name: string): unknown[] => readBuildStreamFixture(name, engine);

  it.each<[string, StepRow[]]>([
    [
      'buildkit-simple',
      [
        ['COPY hello.txt /hello.txt', '0', '2/4', 2, 'done'],
        ['RUN cat /hello.txt &&     echo "héllo ✓ from step three"', '0', '3/4', 3, 'done'],
        ['RUN echo "to stderr" >&2 && sleep 0.2 && printf "no final newline"', '0', '4/4', 6, 'done'],
      ],
    ],
    [
      'buildkit-simple-cached',
      [
        ['COPY hello.txt /hello.txt', '0', '2/4', 2, 'cached'],
        ['RUN cat /hello.txt &&     echo "héllo ✓ from step three"', '0', '3/4', 3, 'cached'],
        ['RUN echo "to stderr" >&2 && sleep 0.2 && printf "no final newline"', '0', '4/4', 6, 'cached'],
      ],
    ],
    [
      'buildkit-failing-run',
      [
        ['RUN echo "before the failure"', '0', '2/4', 2, 'done'],
        ['RUN echo "about to fail" && sleep 0.2 && echo "on stderr" >&2 && exit 3', '0', '3/4', 3, 'error'],
        // Never started: the build stopped at the failure.
        ['RUN echo never', '0', '4/4', 4, 'queued'],
      ],
    ],
    [
      // `WORKDIR /` counts in n but makes no vertex; BuildKit prints ARG/ENV values expanded; the
      // nameless last stage is `stage-3`; the `unused` stage is not built at all.
      'buildkit-parallel-stages',
      [
        ['RUN echo first > /first && sleep 0.3', 'First', '2/2', 3, 'done'],
        ['WORKDIR /work', 'second', '2/4', 7, DONE_OR_CACHED],
        ['RUN echo "second" > /work/second && sleep 0.3', 'second', '3/4', 9, 'done'],
        ['COPY --from=first /first /first', '3', '2/4', 15, 'done'],
        ['COPY --from=second /work/second /second', '3', '3/4', 16, 'done'],
        ['RUN cat /first /second', '3', '4/4', 17, 'done'],
      ],
    ],
    [
      // Unlike classic, BuildKit skips the `unused` stage and does not count ARG instructions.
      'buildkit-multi-stage-target',
      [
        ['WORKDIR /out', 'Builder', '2/3', 7, DONE_OR_CACHED],
        ['RUN echo "built-in-builder" > /out/message', 'Builder', '3/3', 8, 'done'],
        ['COPY --from=builder /out/message /message', 'final', '2/3', 11, 'done'],
        ['RUN cat /message', 'final', '3/3', 12, 'done'],
      ],
    ],
  ])('%s: steps, stages, lines and statuses', (name, expected) => {
    expect(rows(replay(name, fixture(name)).steps)).toEqual(expected);
  });

  it.each([
    ['buildkit-simple', [1]],
    ['buildkit-simple-cached', [1]],
    ['buildkit-failing-run', [1]],
    ['buildkit-parallel-stages', [2, 5, 14]],
    ['buildkit-multi-stage-target', [5, 10]],
  ])(
    '%s: the FROM vertex, shared by the stages on one image, maps to the FROM of the stage it is named after',
    (name, fromLines) => {
      const analysis = analyzeDockerfile(buildStreamScenario(name).dockerfile);
      const { steps } = replay(name, fixture(name));
      const froms = steps.filter((step) => step.instruction.startsWith('FROM '));
      expect(froms).toHaveLength(1);
      const [from] = froms;
      const prefix = 'FROM docker.io/dw-test/busybox:latest';
      expect(from?.instruction.startsWith(prefix)).toBe(true);
      expect(from?.instruction.slice(prefix.length)).toMatch(WORDING[engine].fromDigest);
      expect(from?.index).toBe(1);
      // Counted as its stage's other steps are, whichever build named the shared vertex first.
      const stageTotals = steps
        .filter((step) => step !== from && step.stage === from?.stage && !step.internal)
        .map((step) => step.total);
      expect(new Set([...stageTotals, from?.total])).toEqual(new Set([from?.total]));
      expect(fromLines).toContain(from?.line);
      expect(analysis.stages.find((stage) => stage.line === from?.line)?.name ?? '0').toBe(from?.stage);
      expect(['done', 'cached']).toContain(from?.status);
    },
  );

  it.each([
    'buildkit-simple',
    'buildkit-simple-cached',
    'buildkit-failing-run',
    'buildkit-parallel-stages',
    'buildkit-multi-stage-target',
  ])('%s: one step per vertex digest, in its last state, BuildKit bookkeeping marked internal', (name) => {
    const traces = decodedTraces(name, engine);
    const last = new Map<string, DecodedStatusResponse['vertexes'][number]>();
    for (const trace of traces) for (const vertex of trace.vertexes) last.set(vertex.digest, vertex);
    const result = replay(name, fixture(name));
    expect(result.steps.map((step) => step.id).sort()).toEqual([...last.keys()].sort());
    for (const step of result.steps) {
      const vertex = last.get(step.id);
      expect(step.startedAt).toBe(vertex?.started);
      expect(step.endedAt).toBe(vertex?.completed);
      expect(step.error).toBe(vertex?.error || null);
      expect(step.internal).toBe(!/^\[[^\]]*\d+\/\d+\] /.test(vertex?.name ?? ''));
      if (step.internal) expect([step.line, step.stage, step.index]).toEqual([null, null, null]);
    }
    expect(result.steps.filter((step) => step.internal).map((step) => step.instruction)).toContain(
      WORDING[engine].loadStep,
    );
  });

  it('emits a step again only when it changed', () => {
    const result = replay('buildkit-parallel-stages', fixture('buildkit-parallel-stages'));
    const seen = new Map<string, BuildStep>();
    let updates = 0;
    for (const update of result.updates) {
      if (update.kind !== 'step') continue;
      updates++;
      expect(update.step).not.toEqual(seen.get(update.step.id));
      seen.set(update.step.id, update.step);
    }
    const vertexRecords = decodedTraces('buildkit-parallel-stages', engine).reduce(
      (sum, trace) => sum + trace.vertexes.length,
      0,
    );
    expect(updates).toBeLessThan(vertexRecords);
  });

  it.each([
    'buildkit-simple',
    'buildkit-simple-cached',
    'buildkit-parallel-stages',
    'buildkit-multi-stage-target',
  ])('%s: reports the moby.image.id as the image', (name) => {
    const messages = fixture(name) as Message[];
    const imageId = (messages.find((message) => message.id === 'moby.image.id')?.aux as { ID: string }).ID;
    const result = replay(name, messages);
    expect(result.images).toEqual([imageId]);
    expect(result.errors).toEqual([]);
  });

  it('buildkit-parallel-stages: the two independent stages run at the same time', () => {
    const steps = replay('buildkit-parallel-stages', fixture('buildkit-parallel-stages')).steps;
    const first = steps.find((step) => step.stage === 'First' && step.instruction.startsWith('RUN'));
    const second = steps.find((step) => step.stage === 'second' && step.instruction.startsWith('RUN'));
    expect(first?.startedAt).toBeLessThan(second?.endedAt ?? 0);
    expect(second?.startedAt).toBeLessThan(first?.endedAt ?? 0);
    const copy = steps.find((step) => step.instruction.startsWith('COPY --from=first'));
    expect(copy?.startedAt).toBeGreaterThanOrEqual(
      Math.max(first?.endedAt ?? Infinity, second?.endedAt ?? Infinity),
    );
  });

  it('buildkit-failing-run: reports the engine error on the failing vertex and its line', () => {
    const messages = fixture('buildkit-failing-run') as Message[];
    const message = messages.find((candidate) => candidate.error)?.errorDetail?.message;
    expect(message).toMatch(/exit code: 3$/);
    const result = replay('buildkit-failing-run', messages);
    const failed = result.steps.find((step) => step.status === 'error');
    expect(result.errors).toEqual([{ kind: 'error', message, line: 3, stepId: failed?.id }]);
    expect(failed?.error).toBe(message);
    expect(result.logs.get(failed?.id ?? '')).toBe('about to fail\non stderr\n');
    expect(result.images).toEqual([]);
  });

  it('buildkit-syntax-error: takes the line from the parse error, with no step to blame', () => {
    const result = replay('buildkit-syntax-error', fixture('buildkit-syntax-error'));
    expect(result.errors).toEqual([
      {
        kind: 'error',
        message: WORDING[engine].syntaxError,
        line: 3,
        stepId: null,
      },
    ]);
    expect(result.steps.every((step) => step.internal)).toBe(true);
  });

  it.each([
    'buildkit-simple',
    'buildkit-failing-run',
    'buildkit-parallel-stages',
    'buildkit-multi-stage-target',
  ])('%s: each vertex gets its output as text, stdout and stderr as they came', (name) => {
    const bytes = new Map<string, Buffer[]>();
    for (const trace of decodedTraces(name, engine)) {
      for (const log of trace.logs)
        bytes.set(log.vertex, [...(bytes.get(log.vertex) ?? []), Buffer.from(log.msg)]);
    }
    expect(bytes.size).toBeGreaterThan(0);
    const result = replay(name, fixture(name));
    for (const [vertex, chunks] of bytes)
      expect(result.logs.get(vertex)).toBe(Buffer.concat(chunks).toString('utf8'));
  });

  it('buildkit-simple: decodes UTF-8 split across log chunks', () => {
    const step3 = replay('buildkit-simple', fixture('buildkit-simple')).steps.find(
      (step) => step.index === 3,
    );
    // Cut every log into one-byte messages: the é and ✓ arrive in pieces.
    const oneByteAtATime = (fixture('buildkit-simple') as Message[]).flatMap((message): unknown[] => {
      const normalized = normalizeBuildMessage(message) as { id?: string; aux?: DecodedStatusResponse };
      if (normalized.id !== 'moby.buildkit.trace' || !normalized.aux) return [message];
      const { logs, ...rest } = normalized.aux;
      return [
        { id: normalized.id, aux: { ...rest, logs: [] } },
        ...logs.flatMap((log) =>
          [...log.msg].map((byte) => ({
            id: normalized.id,
            aux: { vertexes: [], statuses: [], warnings: [], logs: [{ ...log, msg: Uint8Array.of(byte) }] },
          })),
        ),
      ];
    });
    const result = replay('buildkit-simple', oneByteAtATime);
    expect(result.logs.get(step3?.id ?? '')).toBe('hello from the context\nhéllo ✓ from step three\n');
  });

  it('works without a Dockerfile: stages as BuildKit names them, no lines', () => {
    const result = replayBuildStream(
      createBuildKitParser(null, () => 0),
      fixture('buildkit-parallel-stages'),
    );
    const stages = new Set(result.steps.filter((step) => !step.internal).map((step) => step.stage));
    expect([...stages].sort()).toEqual(['3', 'first', 'second']);
    expect(result.steps.every((step) => step.line === null)).toBe(true);
    const single = replayBuildStream(
      createBuildKitParser(null, () => 0),
      fixture('buildkit-simple'),
    );
    expect(single.steps.filter((step) => !step.internal).map((step) => step.stage)).toEqual([
      '0',
      '0',
      '0',
      '0',
    ]);
  });
});

describe('createBuildKitParser on messages made here', () => {
  it('reads a vertex sent done and then started again in one message as started (BuildKit 0.13’s load build definition)', () => {
    const first = readBuildStreamFixture('buildkit-syntax-error', 'engine2')[0];
    const updates = createBuildKitParser(null, () => 0).push(normalizeBuildMessage(first));
    expect(
      updates.map((update) => (update.kind === 'step' ? [update.step.instruction, update.step.status] : [])),
    ).toEqual([['[internal] load build definition from Dockerfile', 'running']]);
  });

  it('passes a plain stream message on as a log of no step, and ignores an undecoded trace', () => {
    const parser = createBuildKitParser(null, () => 0);
    expect(parser.push({ stream: 'Successfully tagged x:latest\n' })).toEqual([
      { kind: 'log', stepId: null, text: 'Successfully tagged x:latest\n' },
    ]);
    expect(parser.push({ id: 'moby.buildkit.trace', aux: 'CgA=' })).toEqual([]);
    expect(parser.push(42)).toEqual([]);
  });

  it('reads times as Date, ISO text, Timestamp or ms, and log bytes as base64 text', () => {
    const parser = createBuildKitParser(
      analyzeDockerfile('FROM dw-test/busybox:latest\nRUN true\n'),
      () => 0,
    );
    const at = Date.UTC(2024, 0, 2, 3, 4, 5, 600);
    const updates = parser.push({
      id: 'moby.buildkit.trace',
      aux: {
        vertexes: [
          {
            digest: 'sha256:a',
            name: '[2/2] RUN true',
            started: new Date(at),
            completed: new Date(at + 1).toISOString(),
          },
          {
            digest: 'sha256:b',
            name: '[internal] x',
            started: { seconds: String(Math.floor(at / 1000)), nanos: 600_000_000 },
            completed: at,
          },
        ],
        logs: [{ vertex: 'sha256:a', stream: 1, data: Buffer.from('ok ✓\n').toString('base64') }],
      },
    });
    expect(updates).toEqual<BuildUpdate[]>([
      {
        kind: 'step',
        step: {
          id: 'sha256:a',
          index: 2,
          total: 2,
          stage: '0',
          instruction: 'RUN true',
          line: 2,
          status: 'done',
          startedAt: at,
          endedAt: at + 1,
          internal: false,
          error: null,
        },
      },
      {
        kind: 'step',
        step: {
          id: 'sha256:b',
          index: null,
          total: null,
          stage: null,
          instruction: '[internal] x',
          line: null,
          status: 'done',
          startedAt: at,
          endedAt: at,
          internal: true,
          error: null,
        },
      },
      { kind: 'log', stepId: 'sha256:a', text: 'ok ✓\n', stream: 1 },
    ]);
  });

  it('maps a build-check warning to its line (on a StatusResponse encoded with dockerode’s proto)', () => {
    // dockerd 20.10 sends no build-check warnings, so this message is made here: encoded with
    // protobufjs and dockerode's own buildkit_status.proto, then decoded the way main decodes.
    const dockerode = dirname(createRequire(import.meta.url).resolve('dockerode/package.json'));
    const source = readFileSync(join(dockerode, 'lib/proto/buildkit_status.proto'), 'utf8');
    const type = protobuf
      .parse(source, { keepCase: true })
      .root.lookupType('moby.buildkit.v1.StatusResponse');
    const warning = {
      vertex: 'sha256:w',
      level: 1,
      short: Buffer.from("FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 2)"),
      detail: [Buffer.from("The casing of the 'as' keyword should match the casing of 'FROM'.")],
      url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
      info: {
        filename: 'Dockerfile',
        data: Buffer.from('FROM dw-test/busybox:latest\nFROM dw-test/busybox:latest as b\n'),
      },
      ranges: [{ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }],
    };
    const aux = Buffer.from(
      type.encode(type.fromObject({ warnings: [warning, { short: Buffer.from('no range') }] })).finish(),
    ).toString('base64');
    const parser = createBuildKitParser(null, () => 0);
    const updates = parser.push(normalizeBuildMessage({ id: 'moby.buildkit.trace', aux }));
    expect(updates).toEqual([
      {
        kind: 'warning',
        warning: {
          message: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 2)",
          detail: ["The casing of the 'as' keyword should match the casing of 'FROM'."],
          line: 2,
          url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
        },
      },
      { kind: 'warning', warning: { message: 'no range', detail: [], line: null, url: null } },
    ]);
    // BuildKit may send a warning again with a later status; it is reported once.
    expect(parser.push(normalizeBuildMessage({ id: 'moby.buildkit.trace', aux }))).toEqual([]);
  });
});

describe('createBuildKitParser on cancelled vertexes', () => {
  it('says a vertex BuildKit stopped with "context canceled" was cancelled, not failed, and blames the one that failed', () => {
    const parser = createBuildKitParser(
      analyzeDockerfile(
        'FROM dw-test/busybox:latest AS a\nRUN sleep 5\nFROM dw-test/busybox:latest\nRUN exit 1\n',
      ),
      () => 0,
    );
    const failing = 'executor failed running [/bin/sh -c exit 1]: exit code: 1';
    const updates = parser.push({
      id: 'moby.buildkit.trace',
      aux: {
        vertexes: [
          {
            digest: 'sha256:a',
            name: '[a 2/2] RUN sleep 5',
            started: 1,
            completed: 2,
            error: 'context canceled',
          },
          { digest: 'sha256:b', name: '[stage-1 2/2] RUN exit 1', started: 1, completed: 2, error: failing },
        ],
      },
    });
    expect(updates.map((update) => (update.kind === 'step' ? update.step.status : update.kind))).toEqual([
      'cancelled',
      'error',
    ]);
    expect(parser.push({ error: failing, errorDetail: { message: failing } })).toMatchObject([
      { kind: 'error', stepId: 'sha256:b', line: 4 },
    ]);
  });
});
