/**
 * Issue #20, packages by size, as a user walks it in browser mode: an image built on the Debian
 * stand-in with a node_modules tree COPY'd in; Images → "Layers of …" → the Packages tab, the
 * table by size with the line that installed each package, a filter, an SPDX export through the
 * in-page folder picker (the file checked), and the comparison with the base image.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { startServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');
const run = randomUUID().slice(0, 8);
const tag = `${TEST_PREFIX}/packages-e2e:${run}`;

describe.skipIf(rig.mode !== 'private')('the Packages view of an image, in browser mode', () => {
  let app: RunningBrowserMode;
  const target = mkdtempSync(join(tmpdir(), 'dw-sbom-e2e-'));

  /** The base image's id: its option may carry another of its tags (other tests tag it too). */
  let baseId = '';

  beforeAll(async () => {
    baseId = await ensurePythonStandIn(rigDocker(rig.dockerHost));
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    // Built into the history the page's server reads, so its lines are known.
    const builder = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, app.dataDir);
    await builder.settled();
    const context = makeContext({
      Dockerfile: `FROM python:3.11-slim\nLABEL ${TEST_LABEL}=${run}\nCOPY node_modules /app/node_modules\n`,
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
      'node_modules/left-pad/index.js': `module.exports = leftPad;\n${'// pad\n'.repeat(900)}`,
    });
    const record = await buildAndWait(
      builder,
      buildRequest(context, { tags: [tag], labels: { [TEST_LABEL]: run } }),
    );
    builder.services.dispose();
    rmSync(context, { recursive: true, force: true });
    expect(record.status, record.log).toBe('succeeded');
    await app.page.goto(app.server.issueLink());
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    rmSync(target, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('shows the packages by size with the line that installed each, and filters them', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Layers of ${tag}` }).click();
    await page.getByRole('tab', { name: 'Packages' }).click();
    const table = page.getByTestId('packages-table');
    await table.waitFor({ timeout: 120_000 });
    const rows = page.getByTestId('package-row');
    expect(await rows.count()).toBeGreaterThan(100);
    const leftPad = rows.filter({ hasText: 'left-pad' });
    expect(await leftPad.locator('td').nth(4).textContent()).toBe(
      'line 3 COPY node_modules /app/node_modules',
    );
    expect(await rows.filter({ hasText: 'python3-flask' }).first().locator('td').nth(4).textContent()).toBe(
      'base image',
    );
    await page.getByTestId('packages-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('package-totals').textContent()).toMatch(
      /Debian \(dpkg\): \d+ ·.*npm: 1 ·/,
    );
    await app.screenshot('120-packages-table');

    await page.getByLabel('Filter packages').fill('left');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('packages-shown').textContent()).toMatch(/^1 of \d+ packages$/);
    await page.getByLabel('Filter packages').fill('');
  });

  it('exports an SPDX SBOM through the in-page picker', async () => {
    const { page } = app;
    const total = Number(
      /(\d+) packages/.exec((await page.getByTestId('packages-shown').textContent()) ?? '')?.[1],
    );
    await page.getByRole('button', { name: 'Export SBOM…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose the folder to save the SBOM into' });
    await picker.getByRole('textbox', { name: 'Path' }).fill(target);
    await picker.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => picker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(target);
    await picker.getByRole('button', { name: 'Choose this folder' }).click();
    await expect
      .poll(() => page.getByTestId('sbom-saved').textContent(), { timeout: 60_000 })
      .toMatch(/^Saved the SPDX 2\.3 SBOM \(\d+ packages, .+\) to .+\.spdx\.json\.$/);
    const path = /to (.+\.spdx\.json)\.$/.exec(
      (await page.getByTestId('sbom-saved').textContent()) ?? '',
    )![1]!;
    expect(path.startsWith(target)).toBe(true);
    const document = JSON.parse(readFileSync(path, 'utf8')) as {
      spdxVersion: string;
      name: string;
      packages: { name: string; externalRefs?: { referenceLocator: string }[] }[];
    };
    expect(document.spdxVersion).toBe('SPDX-2.3');
    expect(document.name).toBe(tag);
    // The image itself, then one package per row of the table.
    expect(document.packages).toHaveLength(total + 1);
    expect(
      document.packages.flatMap((entry) => entry.externalRefs ?? []).map((ref) => ref.referenceLocator),
    ).toContain('pkg:npm/left-pad@1.3.0');
    await app.screenshot('121-packages-sbom-saved');
  });

  it('compares the packages with the base image', async () => {
    const { page } = app;
    const select = page.getByLabel('Compare packages with');
    await select.selectOption(baseId);
    const summary = page.getByTestId('packages-comparison-summary');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.textContent()).toMatch(/: 0 added, 1 removed, 0 changed, \d+ the same/);
    expect(await page.getByTestId('package-change').textContent()).toContain('left-pad');
    await page.getByTestId('packages-comparison').scrollIntoViewIfNeeded();
    await app.screenshot('122-packages-compare');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
