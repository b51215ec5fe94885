import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import {
  createMultiStageSuggestions,
  TRIAL_LABEL,
} from '../../../../src/main/layers/multi-stage-suggestions';
import type { ContainerRunner } from '../../../../src/main/run/container-runner';
import type { EventPayloads } from '../../../../src/shared/api';
import type { BuildRecord } from '../../../../src/shared/builds/build-record';
import type { BuildRequest } from '../../../../src/shared/builds/build-request';
import type { MultiStageEvent } from '../../../../src/shared/layers/build-only-content-offer';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';
import type { LayerEntry } from '../../../../src/shared/layers/layer-history';
import type { LayersView } from '../../../../src/shared/layers/layers-view';
import { ok } from '../../../../src/shared/result';

const DOCKERFILE = 'FROM golang:1.22\nCOPY go /usr/local/go\nCOPY . /src\n';
const entry = (index: number, line: number | null): LayerEntry => ({
  index,
  createdBy: '',
  instruction: line === 2 ? 'COPY go /usr/local/go' : 'COPY . /src',
  buildArgs: {},
  sizeBytes: 0,
  created: 0,
  emptyLayer: false,
  diffId: `sha256:${index}`,
  comment: '',
  fromBaseImage: line === null,
  dockerfileLine: line,
});

/** A Go project folder, an image built from it with 30 MB of toolchain (line 2), and fakes around them. */
function setUp(options: { recorded: boolean; outcome: 'succeeded' | 'failed' | 'hang' }) {
  const project = mkdtempSync(join(tmpdir(), 'dw-ms-project-'));
  writeFileSync(join(project, 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
  writeFileSync(join(project, 'main.go'), 'package main\n\nfunc main() {}\n');
  const dir = mkdtempSync(join(tmpdir(), 'dw-ms-trials-'));
  const inventory: ImageInventory = {
    imageId: 'sha256:before',
    files: [
      {
        path: 'bin/sh',
        kind: 'file',
        sizeBytes: 1_000_000,
        digest: 'sha256:a',
        linkTarget: null,
        layerIndex: 0,
      },
      {
        path: 'usr/local/go/bin/go',
        kind: 'file',
        sizeBytes: 30_000_000,
        digest: 'sha256:b',
        linkTarget: null,
        layerIndex: 1,
      },
    ],
    captured: [],
    capturedTruncated: false,
    unreadableLayers: [],
  };
  const record = {
    id: 'b-recorded',
    imageId: 'sha256:before',
    status: 'succeeded',
    dockerfilePath: join(project, 'Dockerfile'),
    dockerfileText: DOCKERFILE,
    builder: 'classic',
    request: {
      contextDir: project,
      dockerfile: null,
      tags: ['app:1'],
      buildArgs: { A: '1' },
      target: 'final',
      noCache: false,
      pull: false,
      platform: null,
      labels: { team: 'x' },
      builder: 'classic',
    },
  } as unknown as BuildRecord;
  const records = new Map<string, BuildRecord>(options.recorded ? [[record.id, record]] : []);
  const started: { request: BuildRequest; text: string }[] = [];
  const cancelled: string[] = [];
  const removed: string[] = [];
  const settle = new Map<string, () => void>();
  const docker = {
    listImages: async () => [{ Id: 'sha256:before' }],
    getImage: (id: string) => ({
      inspect: async () => ({ Id: id, Size: 40_000_000 }),
      remove: async () => void removed.push(id),
    }),
  } as unknown as Docker;
  const events: MultiStageEvent[] = [];
  const suggestions = createMultiStageSuggestions({
    connection: { client: () => docker } as never,
    layers: {
      inventory: async () => ok(inventory),
      view: async () =>
        ok({
          details: { history: [entry(0, null), entry(1, 2), entry(2, 3)] },
          dockerfile: options.recorded
            ? { path: record.dockerfilePath, text: DOCKERFILE, buildId: record.id }
            : null,
        } as unknown as LayersView),
    },
    history: { get: async (id) => records.get(id) ?? null },
    builds: {
      start: async (request) => {
        const id = `b-${started.length}`;
        started.push({ request, text: readFileSync(request.dockerfile!, 'utf8') });
        records.set(id, {
          id,
          status: options.outcome === 'hang' ? 'cancelled' : options.outcome,
          imageId: null,
          error: options.outcome === 'failed' ? { message: 'RUN go build failed' } : null,
        } as unknown as BuildRecord);
        return ok({ id } as BuildRecord);
      },
      settled: (id) =>
        options.outcome === 'hang'
          ? new Promise<void>((resolve) => settle.set(id, resolve))
          : Promise.resolve(),
      cancel: (id) => {
        cancelled.push(id);
        settle.get(id)?.();
        return true;
      },
    },
    containers: {} as ContainerRunner,
    dir,
  });
  const emit = <E extends keyof EventPayloads>(_event: E, payload: EventPayloads[E]) =>
    void events.push((payload as EventPayloads['multi-stage:event']).event);
  const ended = async (): Promise<MultiStageEvent> => {
    for (let i = 0; i < 500; i++) {
      const last = events.at(-1);
      if (last && last.kind !== 'step' && readdirSync(dir).length === 0) return last;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no end: ${JSON.stringify(events)}`);
  };
  return { suggestions, emit, events, ended, started, cancelled, removed, dir, project };
}

describe('createMultiStageSuggestions', () => {
  it('offers the wizard’s Go Dockerfile for an image built here from a Go folder', async () => {
    const { suggestions } = setUp({ recorded: true, outcome: 'failed' });
    const answer = await suggestions.buildOnly('app:1');
    expect(answer.ok && answer.value.report.items.map((item) => [item.name, item.places[0]!.line])).toEqual([
      ['/usr/local/go', 2],
    ]);
    expect(answer.ok && answer.value.offer).toMatchObject({ template: 'go', buildId: 'b-recorded' });
    expect(answer.ok && answer.value.offer?.proposedText).toMatch(/^FROM golang:1\.22-alpine AS build$/m);
  });

  it('says why there is no offer for an image Dockwright did not build', async () => {
    const { suggestions } = setUp({ recorded: false, outcome: 'failed' });
    const answer = await suggestions.buildOnly('app:1');
    expect(answer.ok && answer.value.offer).toBeNull();
    expect(answer.ok && answer.value.offerNote).toMatch(/^Dockwright did not build this image here/);
  });

  it('refuses a trial of a build the history no longer has', async () => {
    const { suggestions, emit } = setUp({ recorded: false, outcome: 'failed' });
    expect(await suggestions.tryMultiStage('b-recorded', false, emit)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('builds the offered text in the recorded context, untagged, labelled, without the target', async () => {
    const { suggestions, emit, ended, started, removed, dir, project } = setUp({
      recorded: true,
      outcome: 'failed',
    });
    const answer = await suggestions.buildOnly('app:1');
    const trial = await suggestions.tryMultiStage('b-recorded', false, emit);
    expect(trial.ok).toBe(true);
    expect(await ended()).toEqual({
      kind: 'failed',
      message: 'The multi-stage Dockerfile did not build: RUN go build failed',
      buildId: 'b-0',
    });
    expect(started).toHaveLength(1);
    expect(started[0]!.text).toBe(answer.ok ? answer.value.offer?.proposedText : null);
    expect(started[0]!.request).toMatchObject({
      contextDir: project,
      tags: [],
      target: null,
      buildArgs: { A: '1' },
      labels: { team: 'x', [TRIAL_LABEL]: 'b-recorded' },
      builder: 'classic',
    });
    expect(started[0]!.request.dockerfile!.startsWith(dir)).toBe(true);
    expect(existsSync(started[0]!.request.dockerfile!)).toBe(false);
    expect(removed).toEqual([]);
  });

  it('stops the build on Cancel and says cancelled', async () => {
    const { suggestions, emit, ended, events, cancelled, removed } = setUp({
      recorded: true,
      outcome: 'hang',
    });
    const trial = await suggestions.tryMultiStage('b-recorded', false, emit);
    if (!trial.ok) throw new Error(trial.error.message);
    for (let i = 0; i < 500 && !events.some((event) => event.kind === 'step' && event.step === 'build'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(suggestions.cancel(trial.value.id)).toBe(true);
    expect(await ended()).toEqual({ kind: 'cancelled' });
    expect(cancelled).toEqual(['b-0']);
    expect(removed).toEqual([]);
    expect(suggestions.cancel(trial.value.id)).toBe(false);
  });

  it('stops before building when Cancel comes while the image is being read', async () => {
    const { suggestions, emit, ended, started } = setUp({ recorded: true, outcome: 'failed' });
    const trial = await suggestions.tryMultiStage('b-recorded', false, emit);
    if (!trial.ok) throw new Error(trial.error.message);
    suggestions.cancel(trial.value.id);
    expect(await ended()).toEqual({ kind: 'cancelled' });
    expect(started).toEqual([]);
  });
});
