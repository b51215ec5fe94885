/**
 * The history fixtures of the layer-model unit tests, checked against the engine: each scenario
 * is built again with each builder and must leave the same history (CreatedBy, sizes, comments,
 * which entries made a layer) as its recording.
 *
 * `DW_RECORD=1 npx vitest run --project integration test/integration/layers-history-fixtures.test.ts`
 * rewrites the recordings from this engine first.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { describe, expect, inject, it } from 'vitest';
import type { ConfigHistoryEntry, EngineHistoryEntry } from '../../src/shared/layers/layer-history';
import { rigCli } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { packContext, rigDocker } from '../support/test-images';
import {
  HISTORY_FIXTURES,
  HISTORY_SCENARIOS,
  historyFixturePath,
  readHistoryFixture,
  type HistoryFixture,
  type HistoryScenario,
} from '../unit/shared/layers/history-fixtures';

const rig = inject('rig');
const recording = process.env['DW_RECORD'] === '1';
const run = promisify(execFile);

async function build(
  docker: Docker,
  scenario: HistoryScenario,
  builder: HistoryFixture['builder'],
): Promise<string> {
  const tag = `dw-test/layers-history-${scenario.name}:${builder}`;
  const stream = await docker.buildImage(
    packContext({ ...scenario.files, Dockerfile: scenario.dockerfile }),
    {
      t: tag,
      labels: { ...scenario.labels, [TEST_LABEL]: '1' },
      buildargs: scenario.buildArgs,
      forcerm: true,
      nocache: true,
      version: builder === 'classic' ? '1' : '2',
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

/** The config JSON from the docker CLI's own `docker save`, read without the code under test. */
async function configFromCli(imageId: string): Promise<{ history?: ConfigHistoryEntry[] }> {
  const cli = rigCli(rig);
  const { stdout } = await run(cli.binary, ['save', imageId], {
    env: cli.env,
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wanted = `${imageId.replace(/^sha256:/, '')}.json`;
  const extract = tar.extract();
  let config: { history?: ConfigHistoryEntry[] } | null = null;
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, entry, next) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk) => {
        if (header.name === wanted) chunks.push(chunk as Buffer);
      });
      entry.on('end', () => {
        if (header.name === wanted) config = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    extract.end(stdout);
  });
  if (!config) throw new Error(`docker save ${imageId} holds no ${wanted}`);
  return config;
}

async function record(
  docker: Docker,
  scenario: HistoryScenario,
  builder: HistoryFixture['builder'],
): Promise<HistoryFixture> {
  const tag = await build(docker, scenario, builder);
  const info = await docker.getImage(tag).inspect();
  const history = (await docker.getImage(info.Id).history()) as EngineHistoryEntry[];
  const base = (await docker.getImage(rig.baseImage).history()) as EngineHistoryEntry[];
  const config = await configFromCli(info.Id);
  return {
    scenario: scenario.name,
    builder,
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
}

/** What must not change between builds: ids, times and content hashes may. */
function shapeOf(fixture: HistoryFixture) {
  const withoutHashes = (text: string): string =>
    text.replace(/\b(file|dir|multi):[0-9a-f]{64}\b/g, '$1:<hash>');
  return {
    baseHistoryLength: fixture.baseHistoryLength,
    layers: fixture.diffIds.length,
    sizeBytes: fixture.sizeBytes,
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
    const fixture = await record(docker, scenario, builder);
    if (recording) {
      mkdirSync(HISTORY_FIXTURES, { recursive: true });
      writeFileSync(historyFixturePath(scenario.name, builder), `${JSON.stringify(fixture, null, 2)}\n`);
    }
    expect(shapeOf(fixture)).toEqual(shapeOf(readHistoryFixture(scenario.name, builder)));
    // The engine API's history and the config's are the same list, reversed.
    expect(fixture.history.map((entry) => entry.CreatedBy).reverse()).toEqual(
      fixture.configHistory.map((entry) => entry.created_by ?? ''),
    );
  });
});
