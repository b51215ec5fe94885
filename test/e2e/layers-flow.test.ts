import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';
import { formatSize } from '../../src/shared/format-size';
import { formatSizeDelta } from '../../src/shared/layers/compare-images';
import type { EngineHistoryEntry } from '../../src/shared/layers/layer-history';
import { shortImageId } from '../../src/shared/images';
import { launchApp, type RunningApp } from './harness/launch-app';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
/** Engine 2 keeps images in the containerd store: its history sizes count each layer on disk. */
const containerdStore = rig.target === 'engine2';

describe('layers: the chart of one build, its wasted bytes, and the comparison with the previous build', () => {
  let app: RunningApp;
  let builder: TestServices;
  let context: string;
  const tag = `${TEST_PREFIX}/layers-e2e`;
  /** `tag:1 (1a2b3c4d5e6f)`, as every header, legend and select names a side. */
  const inspect = (version: 1 | 2) => docker.getImage(`${tag}:${version}`).inspect();
  const label = async (version: 1 | 2): Promise<string> =>
    `${tag}:${version} (${shortImageId((await inspect(version)).Id)})`;
  /** The engine's history, oldest first: the sizes the Layers screen shows as the engine's. */
  const history = async (version: 1 | 2): Promise<EngineHistoryEntry[]> =>
    ((await docker.getImage(`${tag}:${version}`).history()) as EngineHistoryEntry[]).reverse();

  beforeAll(async () => {
    // Both builds go into the same history the app reads, as if the user had built twice.
    const dataDir = mkdtempSync(join(tmpdir(), 'dw-e2e-layers-'));
    builder = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, dataDir);
    await builder.settled();
    context = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'WORKDIR /data',
        'RUN head -c 3000000 /dev/urandom > big.bin',
        'RUN head -c 1000000 /dev/urandom > small.bin',
        'CMD ["ls", "-l", "/data"]',
        '',
      ].join('\n'),
    });
    const first = await buildAndWait(
      builder,
      buildRequest(context, { tags: [`${tag}:1`], builder: 'buildkit' }),
    );
    expect(first.status).toBe('succeeded');
    builder.services.dispose();
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, dataDir });
    // The second build doubles small.bin and deletes big.bin in a separate RUN: +1 MB, 3 MB wasted.
    // It runs in the app's own main process, so the wasted-space search starts there by itself.
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        `FROM ${rig.baseImage}`,
        'WORKDIR /data',
        'RUN head -c 3000000 /dev/urandom > big.bin',
        'RUN head -c 2000000 /dev/urandom > small.bin',
        'RUN rm big.bin',
        'CMD ["ls", "-l", "/data"]',
        '',
      ].join('\n'),
    );
    const started = await app.services.dispatch(
      'build:start',
      buildRequest(context, { tags: [`${tag}:2`], builder: 'buildkit' }),
    );
    if (!started.ok) throw new Error(started.error.message);
    const id = (started.value as { id: string }).id;
    await app.services.builds.settled(id);
    const second = await app.services.dispatch('history:get', { id });
    expect(second.ok && (second.value as { status: string }).status).toBe('succeeded');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    for (const version of [1, 2])
      await docker
        .getImage(`${tag}:${version}`)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('shows the size chart with each bar mapped to its Dockerfile line', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Layers of ${tag}:2` }).click();
    await page.getByTestId('layer-chart').locator('.recharts-bar-rectangle').first().waitFor();
    const rows = page.getByTestId('layer-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    const text = await page.getByTestId('layer-table').textContent();
    expect(text).toContain('RUN head -c 3000000 /dev/urandom > big.bin');
    const runRow = rows.filter({ hasText: 'big.bin' }).first();
    expect((await runRow.locator('td').first().textContent())?.trim()).toBe('3');
    // The select says which image this is, by tag and short id.
    const image = page.getByLabel('Image', { exact: true });
    expect(await image.locator('option:checked').textContent()).toBe(await label(2));
    // The sizes are the engine's, named for what they count where that is not the files' bytes.
    const sizeHeader = await page.getByTestId('layer-table').locator('thead th').nth(2).textContent();
    expect(sizeHeader).toBe(containerdStore ? 'Size on disk' : 'Size');
    expect(await page.getByTestId('size-kind-note').count()).toBe(containerdStore ? 1 : 0);
    const total = (await history(2)).reduce((sum, entry) => sum + entry.Size, 0);
    expect(await page.getByTestId('layers-total').textContent()).toBe(
      `(${formatSize(total)}${containerdStore ? ' on disk' : ''} in all)`,
    );
    // The analysis made after the build is on the Layers tab too, without asking for it.
    await expect
      .poll(() => page.getByTestId('waste-headline').textContent(), { timeout: 30_000 })
      .toBe('3MB wasted: files written by line 3 and deleted by line 5.');
    await app.screenshot('60-layers-chart');
  });

  it('says on the build result, by itself, which lines waste bytes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: `${tag}:2` }).click();
    await expect.poll(() => page.getByTestId('build-status').textContent()).toBe('Built');
    const summary = page.getByTestId('waste-summary');
    await expect.poll(() => summary.getAttribute('data-state'), { timeout: 30_000 }).toBe('wasted');
    expect(await page.getByTestId('waste-headline').textContent()).toBe(
      '3MB wasted: files written by line 3 and deleted by line 5.',
    );
    expect(await summary.textContent()).toContain('/data/big.bin');
    await app.screenshot('63-build-wasted-space');
  });

  it('compares with the previous build: older left, newer right, deltas newer − older', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Compare with previous build' }).click();
    const headline = page.getByTestId('comparison-headline');
    await headline.waitFor({ timeout: 30_000 });
    const [older, newer] = [await label(1), await label(2)];
    // Both selects show the images compared (this page once showed 1.1 in one and nothing in the other).
    expect(await page.getByLabel('Image', { exact: true }).locator('option:checked').textContent()).toBe(
      older,
    );
    expect(await page.getByLabel('Compare with').locator('option:checked').textContent()).toBe(newer);
    // Ground truth: the sizes the engine reports for the two images' layers (on the classic store
    // they add up to `docker image inspect`'s size; on the containerd store they are on disk).
    const [olderHistory, newerHistory] = [await history(1), await history(2)];
    const sum = (entries: EngineHistoryEntry[]) => entries.reduce((total, entry) => total + entry.Size, 0);
    const [olderSize, newerSize] = [sum(olderHistory), sum(newerHistory)];
    if (!containerdStore)
      expect([olderSize, newerSize]).toEqual([(await inspect(1)).Size, (await inspect(2)).Size]);
    const small = (entries: EngineHistoryEntry[]) =>
      entries.find((entry) => entry.CreatedBy.includes('small.bin'))!.Size;
    const grew = formatSizeDelta(small(newerHistory) - small(olderHistory));
    if (!containerdStore) expect(grew).toBe('+1MB');
    const delta = formatSizeDelta(newerSize - olderSize);
    const percent = ((newerSize - olderSize) / olderSize) * 100;
    const kind = containerdStore ? ' on disk' : '';
    expect(await headline.textContent()).toBe(
      `${older} → ${newer}: ${formatSize(olderSize)} → ${formatSize(newerSize)}${kind} (${delta}, +${Math.round(percent)}%). ` +
        `Grew most: RUN head -c 2000000 /dev/urandom > small.bin (${grew}).`,
    );
    expect(await page.getByTestId('comparison-total').textContent()).toBe(
      `${delta} (+${percent.toFixed(1)}%)`,
    );
    const columns = await page.getByTestId('comparison-table').locator('thead th').allTextContents();
    const side = containerdStore ? ', on disk' : '';
    expect(columns).toEqual([
      'Instruction',
      `${older}older${side}`,
      `${newer}newer${side}`,
      'Changenewer − older',
    ]);
    expect(columns.join(' ')).not.toMatch(/sha256:/);
    const legend = await page.locator('.recharts-legend-item-text').allTextContents();
    expect(legend).toEqual([`${older} (older)`, `${newer} (newer)`]);
    // The row of the RUN that deletes says why it saves nothing.
    const cleanup = page.getByTestId('comparison-row').filter({ hasText: 'RUN rm big.bin' });
    await expect
      .poll(() => cleanup.getByTestId('comparison-row-waste').textContent(), { timeout: 30_000 })
      .toBe(
        'Deletes 3MB written by line 3, too late: those bytes stay in that layer. Move this into the RUN on line 3.',
      );
    // It frees nothing; on the containerd store its whiteout even takes a few blocks on disk.
    const rm = newerHistory.find((entry) => entry.CreatedBy.includes('rm big.bin'))!.Size;
    expect(await cleanup.locator('td').nth(3).textContent()).toBe(
      containerdStore ? formatSizeDelta(rm) : '0B',
    );
    await app.screenshot('61-layers-compare');
  });

  it('keeps the older image on the left when the user picks the sides the other way round', async () => {
    const { page } = app;
    const [older, newer] = [await label(1), await label(2)];
    await page.getByLabel('Image', { exact: true }).selectOption({ label: newer });
    await page.getByLabel('Compare with').selectOption({ label: older });
    const headline = page.getByTestId('comparison-headline');
    await expect.poll(() => headline.textContent()).toContain(`${older} → ${newer}`);
    const sum = async (version: 1 | 2) =>
      (await history(version)).reduce((total, entry) => total + entry.Size, 0);
    const delta = formatSizeDelta((await sum(2)) - (await sum(1)));
    if (!containerdStore) expect(delta).toBe('+1MB');
    const total = (await page.getByTestId('comparison-total').textContent()) ?? '';
    expect(total.startsWith(`${delta} (+`)).toBe(true);
    expect(total).toMatch(/ \(\+\d+\.\d%\)$/);
    expect(await page.locator('.recharts-legend-item-text').allTextContents()).toEqual([
      `${older} (older)`,
      `${newer} (newer)`,
    ]);
    expect(await page.getByTestId('comparison').textContent()).toContain(
      `${older} is the older image, so it is on the left`,
    );
  });

  it('finds the deleted file as wasted space, from the analysis already made after the build', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Contents & wasted space' }).click();
    await page.getByRole('button', { name: 'Analyse contents' }).click();
    await expect.poll(() => page.getByTestId('wasted').textContent(), { timeout: 30_000 }).toBe('3MB');
    expect(await page.getByTestId('hints').textContent()).toContain('big.bin');
    // Each layer's content, and beside it the engine's on-disk size where the two print differently:
    // the WORKDIR layer holds no file bytes but takes blocks on the containerd store.
    const layers = await page.getByLabel('Files of').locator('option').allTextContents();
    const workdir = layers.find((text) => text.includes('WORKDIR /data'))!;
    if (containerdStore) expect(workdir).toMatch(/\(content 0B · on disk \d+(\.\d+)?kB\)$/);
    else expect(workdir).toMatch(/\(0B\)$/);
    expect(layers.some((text) => text.includes('on disk'))).toBe(containerdStore);
    // One layer's own line: what it holds, and the engine's size beside it where that differs.
    const rm = layers.find((text) => text.includes('RUN rm big.bin'))!;
    await page.getByLabel('Files of').selectOption({ label: rm });
    const sizes = await page.getByTestId('layer-sizes').textContent();
    if (containerdStore)
      expect(sizes).toMatch(/^content 0B · on disk \d+(\.\d+)?kB · saved as a \d+B gzip blob$/);
    else expect(sizes).toBe('0B');
    await app.screenshot('66-layers-contents-layer');
    await app.screenshot('62-layers-contents');
  });

  it('marks the line that wrote the wasted bytes and the one that deleted them in the editor', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: `${tag}:2` }).click();
    await page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    // Whole lines carrying an info mark (CodeMirror may split one mark around highlighted tokens).
    const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-info') });
    await expect
      .poll(async () => (await marked.allTextContents()).filter((text) => text.includes('big.bin')), {
        timeout: 30_000,
      })
      .toEqual(['RUN head -c 3000000 /dev/urandom > big.bin', 'RUN rm big.bin']);
    await app.screenshot('64-editor-wasted-space');
    await marked.filter({ hasText: 'RUN rm big.bin' }).locator('.cm-lintRange-info').first().hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('Deletes 3MB written by line 3, too late');
    await app.screenshot('65-editor-wasted-space-note');
  });

  it('says what it is reading while layers and comparisons load, instead of a blank page', async () => {
    const { page, services } = app;
    // Hold the two slow requests until the screen has been looked at, then let them through.
    const original = services.dispatch;
    const gates: Array<() => void> = [];
    services.dispatch = async (channel, input, signal) => {
      if (channel === 'layers:details' || channel === 'layers:compare')
        await new Promise<void>((release) => gates.push(release));
      return original(channel, input, signal);
    };
    try {
      const [older, newer] = [await label(1), await label(2)];
      // A fresh page: what was read before is answered from the page's cache, at once.
      await page.reload();
      await page.getByRole('button', { name: 'Images', exact: true }).click();
      await page.getByRole('button', { name: `Layers of ${tag}:1` }).click();
      const loading = page.getByTestId('layers-loading');
      await expect.poll(() => loading.textContent()).toBe(`Reading the layers of ${older}…`);
      await app.screenshot('58-layers-loading');
      gates.splice(0).forEach((release) => release());
      await page.getByTestId('layer-chart').waitFor();
      await page.getByRole('tab', { name: 'Compare' }).click();
      await page.getByLabel('Compare with').selectOption({ label: newer });
      const comparing = page.getByTestId('comparison-loading');
      await expect
        .poll(() => comparing.textContent())
        .toBe(`Comparing ${older} with ${newer} (reading both histories)…`);
      await app.screenshot('59-layers-comparing');
      gates.splice(0).forEach((release) => release());
      await page.getByTestId('comparison-headline').waitFor();
      expect(await comparing.count()).toBe(0);
    } finally {
      services.dispatch = original;
      gates.splice(0).forEach((release) => release());
    }
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
