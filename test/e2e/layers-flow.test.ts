import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const rig = inject('rig');

describe('layers: the chart of one build, then the comparison with the previous build', () => {
  let app: RunningApp;
  let builder: TestServices;
  const tag = `${TEST_PREFIX}/layers-e2e`;

  beforeAll(async () => {
    // Both builds go into the same history the app reads, as if the user had built twice.
    const dataDir = (await import('node:fs')).mkdtempSync(
      join((await import('node:os')).tmpdir(), 'dw-e2e-layers-'),
    );
    builder = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, dataDir);
    await builder.settled();
    const context = makeContext({
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
    // The second build doubles small.bin and deletes big.bin in a later layer: +1 MB, 3 MB wasted.
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
    const second = await buildAndWait(
      builder,
      buildRequest(context, { tags: [`${tag}:2`], builder: 'buildkit' }),
    );
    expect(second.status).toBe('succeeded');
    builder.services.dispose();
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, dataDir });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
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
    await app.screenshot('60-layers-chart');
  });

  it('compares with the previous build and names what grew', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByLabel('Compare with').selectOption(`${tag}:1`);
    const headline = page.getByTestId('comparison-headline');
    await headline.waitFor();
    expect(await page.getByTestId('comparison-table').textContent()).toContain('RUN rm big.bin');
    // Ground truth: the image sizes the engine reports, 6 MB and 5 MB.
    expect(await headline.textContent()).toMatch(/small\.bin/);
    expect(await page.getByTestId('comparison-total').textContent()).toMatch(/^[−-]1MB/);
    // The legend reads in the table's column order: the selected image, then the one compared with.
    const columns = await page.getByTestId('comparison-table').locator('thead th').allTextContents();
    const legend = await page.locator('.recharts-legend-item-text').allTextContents();
    expect(legend).toEqual([`${tag}:2`, `${tag}:1`]);
    expect(columns.slice(1, 3).map((column) => column.toLowerCase())).toEqual(legend);
    await app.screenshot('61-layers-compare');
  });

  it('finds the deleted file as wasted space', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Contents & wasted space' }).click();
    await page.getByRole('button', { name: 'Analyse contents' }).click();
    await expect.poll(() => page.getByTestId('wasted').textContent(), { timeout: 30_000 }).toBe('3MB');
    expect(await page.getByTestId('hints').textContent()).toContain('big.bin');
    await app.screenshot('62-layers-contents');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
