/**
 * The history fixtures of the layer-model unit tests, checked against the engine: each scenario
 * is built again with each builder and must leave the same history (CreatedBy, sizes, comments,
 * which entries made a layer) as its recording. Each engine has its own recordings: engine 2's
 * containerd store counts history sizes on disk and its image size compressed (see
 * src/shared/layers/size-kinds.ts), so its numbers are its own.
 *
 * BuildKit builds go through the app's BuildKit session, as the app builds (engine 2 refuses a
 * BuildKit build without one); classic builds send the context tar, as the app does.
 *
 * `DW_RECORD=1 npx vitest run --project integration test/integration/layers-history-fixtures.test.ts`
 * (with `DW_TEST_TARGET=engine2` for engine 2) rewrites the recordings from this engine first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { EngineHistoryEntry } from '../../src/shared/layers/layer-history';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL } from '../support/rig-info';
import { readSavedImage } from '../support/saved-image-sizes';
import { packContext, rigDocker } from '../support/test-images';
import {
  HISTORY_SCENARIOS,
  historyFixturePath,
  readHistoryFixture,
  type FixtureEngine,
  type HistoryFixture,
  type HistoryScenario,
} from '../unit/shared/layers/history-fixtures';

const rig = inject('rig');
const recording = process.env['DW_RECORD'] === '1';
const engine: FixtureEngine = rig.target;
const made: string[] = [];
let app: TestServices | null = null;

afterAll(async () => {
  app?.dispose();
  const docker = rigDocker(rig.dockerHost);
  for (const tag of made)
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
});

async function build(
  docker: Docker,
  scenario: HistoryScenario,
  builder: HistoryFixture['builder'],
): Promise<string> {
  const tag = `dw-test/layers-history-${scenario.name}:${builder}`;
  made.push(tag);
  if (builder === 'buildkit') {
    app ??= startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const context = makeContext({ ...scenario.files, Dockerfile: scenario.dockerfile });
    const record = await buildAndWait(
      app,
      buildRequest(context, {
        tags: [tag],
        builder: 'buildkit',
        labels: { ...scenario.labels, [TEST_LABEL]: '1' },
        buildArgs: scenario.buildArgs,
        noCache: true,
        target: scenario.target,
      }),
    );
    if (record.status !== 'succeeded') throw new Error(`Building ${tag} failed: ${record.status}`);
    return tag;
  }
  const stream = await docker.buildImage(
    packContext({ ...scenario.files, Dockerfile: scenario.dockerfile }),
    {
      t: tag,
      labels: { ...scenario.labels, [TEST_LABEL]: '1' },
      buildargs: scenario.buildArgs,
      forcerm: true,
      nocache: true,
      version: '1',
      ...(scenario.target ? { target: scenario.target } : {}),
    } as Docker.ImageBuildOptions,
  );
  const messages = await new Promise<Array<{ error?: string }>>((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
  );
  const failure = messages.find((message) => message.error);
  if (failure) throw new Error(`Building ${tag} failed: ${failure.error}`);
  return tag;
}

async function record(
  docker: Docker,
  scenario: HistoryScenario,
  builder: HistoryFixture['builder'],
): Promise<{ fixture: HistoryFixture; imageBlobBytes: number | null }> {
  const tag = await build(docker, scenario, builder);
  const info = await docker.getImage(tag).inspect();
  const history = (await docker.getImage(info.Id).history()) as EngineHistoryEntry[];
  const base = (await docker.getImage(rig.baseImage).history()) as EngineHistoryEntry[];
  // The config from the CLI's own `docker save` (either layout), read without the code under test.
  const { config, imageBlobBytes } = await readSavedImage(rig, info.Id);
  const fixture: HistoryFixture = {
    scenario: scenario.name,
    builder,
    ...(engine === 'engine2' ? { imageStore: 'containerd' as const } : {}),
    baseHistoryLength: base.length,
    imageId: info.Id,
    sizeBytes: info.Size,
    diffIds: info.RootFS.Layers ?? [],
    history,
    configHistory: (config.history ?? []).map((entry) => ({
      created_by: entry.created_by,
      ...(entry.comment ? { comment: entry.comment } : {}),
      ...(entry.empty_layer ? { empty_layer: true } : {}),
    })),
  };
  return { fixture, imageBlobBytes };
}

/** What must not change between builds: ids, times and content hashes may. */
function shapeOf(fixture: HistoryFixture) {
  // The containerd store's image size is its gzip blobs and JSON, whose bytes follow the build's
  // timestamps: it is checked against the saved blobs instead (below).
  const containerd = fixture.imageStore === 'containerd';
  const withoutHashes = (text: string): string =>
    text.replace(/\b(file|dir|multi):[0-9a-f]{64}\b/g, '$1:<hash>');
  return {
    baseHistoryLength: fixture.baseHistoryLength,
    layers: fixture.diffIds.length,
    sizeBytes: containerd ? 'compressed' : fixture.sizeBytes,
    history: fixture.history.map((entry) => ({
      createdBy: withoutHashes(entry.CreatedBy),
      size: entry.Size,
      comment: entry.Comment,
    })),
    config: fixture.configHistory.map((entry) => ({
      createdBy: withoutHashes(entry.created_by ?? ''),
      empty: entry.empty_layer === true,
    })),
  };
}

describe.each(HISTORY_SCENARIOS)('history of $name', (scenario) => {
  const docker = rigDocker(rig.dockerHost);
  it.each(['classic', 'buildkit'] as const)('with %s is what the fixture holds', async (builder) => {
    const { fixture, imageBlobBytes } = await record(docker, scenario, builder);
    if (engine === 'engine2') expect(fixture.sizeBytes).toBe(imageBlobBytes);
    if (recording) {
      const path = historyFixturePath(scenario.name, builder, engine);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
    }
    expect(shapeOf(fixture)).toEqual(shapeOf(readHistoryFixture(scenario.name, builder, engine)));
    // The engine API's history and the config's are the same list, reversed.
    expect(fixture.history.map((entry) => entry.CreatedBy).reverse()).toEqual(
      fixture.configHistory.map((entry) => entry.created_by ?? ''),
    );
  });
});
