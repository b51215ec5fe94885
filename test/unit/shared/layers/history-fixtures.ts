/**
 * Image histories recorded from dockerd 20.10 with both builders, for the layer-model tests:
 * the scenarios, and where the recordings live (`fixtures/<scenario>-<builder>.json`). Engine
 * 26.1 with the containerd image store has its own set (`fixtures/engine2-containerd/`): its
 * history sizes count each layer on disk and its image ids are manifest digests.
 *
 * Recorded by test/integration/layers-history-fixtures.test.ts with DW_RECORD=1; without it that
 * test checks that the engine still writes the same histories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageStore } from '../../../../src/shared/layers/size-kinds';
import {
  buildLayerEntries,
  type ConfigHistoryEntry,
  type EngineHistoryEntry,
  type ImageDetails,
  type LayerEntry,
} from '../../../../src/shared/layers/layer-history';

/** The rig's base image: `FROM scratch`, COPY busybox, RUN --install, CMD, and classic's label entry. */
export const HISTORY_BASE_IMAGE = 'dw-test/busybox:latest';

/** One image to build with each builder. */
export interface HistoryScenario {
  name: string;
  dockerfile: string;
  files: Record<string, string>;
  target: string | null;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

/** What one build left in the engine. */
export interface HistoryFixture {
  scenario: string;
  builder: 'classic' | 'buildkit';
  /** The engine's image store; recordings without it come from the classic store (dockerd 20.10). */
  imageStore?: ImageStore;
  /** Entries of the base image's own history. */
  baseHistoryLength: number;
  imageId: string;
  sizeBytes: number;
  diffIds: string[];
  /** `GET /images/{id}/history`, newest first, as sent. */
  history: EngineHistoryEntry[];
  /** The config's `history` from `docker save`, oldest first. */
  configHistory: ConfigHistoryEntry[];
}

export const HISTORY_SCENARIOS: HistoryScenario[] = [
  {
    name: 'instructions',
    dockerfile: [
      `FROM ${HISTORY_BASE_IMAGE}`,
      'ARG BA',
      'ARG OTHER=1',
      'LABEL a=b',
      'ENV E=1',
      'WORKDIR /w',
      'COPY a.txt /w/',
      'ADD a.txt /w/b.txt',
      'RUN echo $BA > /x && \\',
      '    echo hi',
      'RUN ["/bin/sh", "-c", "echo exec > /y"]',
      'EXPOSE 80',
      'USER nobody',
      'VOLUME /v',
      'STOPSIGNAL SIGTERM',
      'HEALTHCHECK CMD true',
      'SHELL ["/bin/sh", "-c"]',
      'ONBUILD RUN echo',
      'MAINTAINER someone',
      'ENTRYPOINT ["sh"]',
      'CMD ["-c", "echo"]',
      '',
    ].join('\n'),
    files: { 'a.txt': 'aaa\n' },
    target: null,
    buildArgs: { BA: 'x y', OTHER: '2' },
    labels: { 'dev.dockwright.test': '1', 'org.example.note': 'two words' },
  },
  {
    name: 'multi-stage',
    dockerfile: [
      `ARG BASE=${HISTORY_BASE_IMAGE}`,
      'FROM ${BASE} AS builder',
      'ARG MSG=hi',
      'WORKDIR /out',
      'RUN echo "$MSG" > /out/msg',
      '',
      'FROM ${BASE} AS mid',
      'ENV A=1',
      'RUN echo mid > /mid',
      '',
      'FROM mid AS final',
      'COPY --from=builder /out/msg /msg',
      'RUN cat /msg',
      'ONBUILD RUN true',
      '',
      'FROM final AS after',
      'RUN echo never',
      '',
    ].join('\n'),
    files: {},
    target: 'final',
    buildArgs: {},
    labels: { 'dev.dockwright.test': '1' },
  },
  {
    name: 'shell-and-exec',
    dockerfile: [
      `FROM ${HISTORY_BASE_IMAGE}`,
      'RUN ["/bin/busybox", "echo", "exec"]',
      'SHELL ["/bin/sh", "-e", "-c"]',
      'RUN echo custom shell',
      'ENV X 1',
      'COPY --chown=1:1 a.txt .',
      'WORKDIR rel',
      'COPY a.txt .',
      '',
    ].join('\n'),
    files: { 'a.txt': 'a\n' },
    target: null,
    buildArgs: { UNUSED: '1' },
    labels: { 'dev.dockwright.test': '1' },
  },
  {
    name: 'waste',
    dockerfile: [
      `FROM ${HISTORY_BASE_IMAGE}`,
      'RUN mkdir -p /dir/sub && echo old > /dir/old && echo s > /dir/sub/s && head -c 5242880 /dev/zero > /big && echo v1 > /over',
      'WORKDIR /work',
      'RUN rm -rf /dir && mkdir /dir && echo x > /dir/new && rm /big && echo v2two > /over',
      'WORKDIR /',
      'RUN ln /over /hard && ln -s /over /soft',
      'COPY a.txt a.txt /twice/',
      '',
    ].join('\n'),
    files: { 'a.txt': 'aaa\n' },
    target: null,
    buildArgs: {},
    labels: { 'dev.dockwright.test': '1' },
  },
];

/** Looks a scenario up by name; throws for a name that is not one. */
export function historyScenario(name: string): HistoryScenario {
  const scenario = HISTORY_SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`No history scenario named ${name}`);
  return scenario;
}

/** Where the recordings live. */
export const HISTORY_FIXTURES = join(import.meta.dirname, 'fixtures');

/** Which engine a recording comes from: the rig daemon (20.10, classic store) or engine 2 (26.1, containerd store). */
export type FixtureEngine = 'engine1' | 'engine2';

/** The path of one recording. */
export function historyFixturePath(
  scenario: string,
  builder: HistoryFixture['builder'],
  engine: FixtureEngine = 'engine1',
): string {
  const folder = engine === 'engine2' ? join(HISTORY_FIXTURES, 'engine2-containerd') : HISTORY_FIXTURES;
  return join(folder, `${scenario}-${builder}.json`);
}

/** A recording, parsed. */
export function readHistoryFixture(
  scenario: string,
  builder: HistoryFixture['builder'],
  engine: FixtureEngine = 'engine1',
): HistoryFixture {
  return JSON.parse(readFileSync(historyFixturePath(scenario, builder, engine), 'utf8')) as HistoryFixture;
}

/** A fixture's history as layer entries, oldest first. */
export function entriesOf(fixture: HistoryFixture): LayerEntry[] {
  return buildLayerEntries(
    fixture.history,
    fixture.diffIds,
    fixture.configHistory.map((entry) => entry.empty_layer === true),
  );
}

/** A fixture as the image details the Layers screen reads. */
export function detailsOf(fixture: HistoryFixture): ImageDetails {
  return {
    id: fixture.imageId,
    tags: [],
    digests: [],
    created: 0,
    sizeBytes: fixture.sizeBytes,
    imageStore: fixture.imageStore ?? 'storage-driver',
    os: 'linux',
    architecture: 'amd64',
    variant: null,
    entrypoint: null,
    cmd: null,
    env: [],
    exposedPorts: [],
    workdir: '',
    user: '',
    labels: {},
    diffIds: fixture.diffIds,
    history: entriesOf(fixture),
  };
}
