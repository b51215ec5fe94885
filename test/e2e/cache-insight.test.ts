import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

/*
 * The cache lesson of issue #17, as a user meets it: an app whose dependency install sits after
 * `COPY . /app` reinstalls on every source edit; the build says why and offers the reordered
 * Dockerfile, and after saving it an edit of app.py leaves the install in the cache.
 */
describe('cache insight: why a step ran, and the reorder that keeps the install cached', () => {
  let app: RunningApp;
  let context: string;
  const tag = `${TEST_PREFIX}/e2e-cache-insight:1`;
  // The engine keys COPY by content: files no earlier run sent keep its cache out of this one.
  const run = randomUUID();

  beforeAll(async () => {
    context = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        // busybox has no pip: a stand-in that reads its requirements file and takes a while.
        `RUN echo '#!/bin/sh' > /bin/pip && echo 'echo "pip: installing from $3" && sleep 2 && cat "$3"' >> /bin/pip && chmod +x /bin/pip`,
        'WORKDIR /app',
        'COPY . /app',
        'RUN pip install -r requirements.txt',
        'CMD ["cat", "/app/app.py"]',
        '',
      ].join('\n'),
      'requirements.txt': `flask==3.0.0  # ${run}\n`,
      'app.py': `print("hello")  # ${run}\n`,
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => context });
  });
  afterAll(async () => {
    await app?.close();
    // Every build of this run carries the run's label (the rebuilt ones are untagged by then).
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  // By the instruction itself: other steps' reasons name these steps too.
  const stepOf = (instruction: string) =>
    app.page.locator('[data-testid="step"]', {
      has: app.page.locator('.step-name', { hasText: instruction }),
    });
  const installStep = () => stepOf('RUN pip install -r');
  const copyAllStep = () => stepOf('COPY . /app');
  const row = (testId: string, instruction: string) =>
    app.page.locator(`[data-testid="${testId}"][data-instruction^="${instruction}"]`);

  /** Builds the form as it stands and waits for the saved record's explanation. */
  const buildAndWait = async (): Promise<void> => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await page.getByTestId('build-view').waitFor();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .not.toBe('Building…');
    // A failed build says why in the assertion (the engine's words), not only that it failed.
    const failure = (await page.getByTestId('build-error').count())
      ? await page.getByTestId('build-error').textContent()
      : '';
    expect(await page.getByTestId('build-status').textContent(), failure ?? '').toBe('Built');
    await page.getByTestId('cache-summary').waitFor({ timeout: 10_000 });
  };
  const buildAgain = async (): Promise<void> => {
    await app.page.getByRole('button', { name: 'Build again…' }).click();
    await expect.poll(() => app.page.getByLabel('Context folder').inputValue()).toBe(context);
  };

  it('builds the app once', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(context);
    await page.getByLabel('Tag 1').fill(tag);
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label name 1').fill(TEST_LABEL);
    await page.getByLabel('Label value 1').fill(run);
    await buildAndWait();
    expect(await page.getByTestId('cache-summary').textContent()).toMatch(/\d+ of \d+ steps? cached/);
  });

  it('predicts, then says, that editing app.py reruns COPY and the install, with the reorder advice', async () => {
    const { page } = app;
    writeFileSync(join(context, 'app.py'), `print("hello, world")  # ${run}\n`);
    await buildAgain();
    await page.getByRole('button', { name: 'What will rebuild?' }).click();
    const predicted = row('predicted-step', 'RUN pip install -r');
    await expect.poll(() => predicted.getAttribute('data-cached'), { timeout: 20_000 }).toBe('false');
    expect(await row('predicted-step', 'COPY . /app').textContent()).toContain('app.py (modified)');
    await page.getByTestId('cache-prediction').scrollIntoViewIfNeeded();
    await app.screenshot('95-cache-what-will-rebuild');

    await buildAndWait();
    expect(await copyAllStep().getByTestId('cache-reason').textContent()).toMatch(
      /1 file changed since the build of \d\d:\d\d: app\.py \(modified\)/,
    );
    const reason = await installStep().getByTestId('cache-reason').textContent();
    expect(reason).toMatch(/ran because (step|line) [^(]*\(COPY \. \/app\) changed/);
    expect(reason).toContain('move COPY requirements.txt');
    expect(await installStep().getAttribute('data-status')).toBe('done');
    // The forecast from the build's own inputs, checked against what the engine did.
    expect(await page.getByTestId('prediction-check').textContent()).toMatch(
      /^“What will rebuild\?” was right for all \d+ steps$/,
    );
    await app.screenshot('96-cache-why-it-ran');
  });

  it('opens the reordered Dockerfile as a diff in the editor and saves it', async () => {
    const { page } = app;
    await installStep().getByRole('button', { name: 'Show the reordered Dockerfile' }).click();
    await page.getByTestId('editor-proposal').waitFor();
    expect(await page.getByTestId('editor-proposal').locator('.diff-added').allTextContents()).toContainEqual(
      expect.stringMatching(/COPY requirements\.txt/),
    );
    await app.screenshot('97-cache-reordered-diff');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('editor-proposal').count()).toBe(0);
    const saved = readFileSync(join(context, 'Dockerfile'), 'utf8');
    expect(saved.indexOf('COPY requirements.txt')).toBeGreaterThan(-1);
    expect(saved.indexOf('pip install')).toBeLessThan(saved.indexOf('COPY . /app'));
  });

  it('keeps the install in the cache when app.py changes after the reorder', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await buildAgain();
    await buildAndWait();
    writeFileSync(join(context, 'app.py'), `print("hello again")  # ${run}\n`);
    await buildAgain();
    await buildAndWait();
    expect(await installStep().getAttribute('data-status')).toBe('cached');
    expect(await installStep().getByTestId('cache-reason').textContent()).toBe('from cache');
    expect(await copyAllStep().getByTestId('cache-reason').textContent()).toContain('app.py (modified)');
    await app.screenshot('98-cache-install-cached');
  });

  it('compares the last two builds step by step in History', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page
      .getByTestId('history-row')
      .first()
      .getByRole('button', { name: 'Compare with previous build' })
      .click();
    const install = row('compared-step', 'RUN pip install -r');
    await expect.poll(() => install.getAttribute('data-cached')).toBe('true');
    expect(await row('compared-step', 'COPY . /app').getAttribute('data-cached')).toBe('false');
    // Layer sizes from both images: the COPY of the app holds its two files, in both builds.
    const copySize = row('compared-step', 'COPY . /app').getByTestId('compared-size');
    await expect.poll(() => copySize.textContent(), { timeout: 20_000 }).toMatch(/^\d+(\.\d+)? ?(B|kB)$/);
    await page.getByTestId('comparison-time-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('comparison-size-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await app.screenshot('99-cache-compare');
  });

  it('marks in the editor which steps the next build takes from cache, live as the Dockerfile is edited', async () => {
    const { page } = app;
    await page.getByTestId('build-comparison').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('history-row').first().getByRole('button').first().click();
    await page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    await page.getByTestId('dockerfile-editor').locator('.cm-content').waitFor();
    const marks = page.getByTestId('cache-gutter-mark');
    const symbols = async () => (await marks.allTextContents()).join('');
    // Nothing changed since the last build: every step that makes a cache decision is ✓.
    await expect.poll(symbols, { timeout: 20_000 }).toMatch(/^✓{3,}$/);
    expect(await page.getByTestId('cache-gutter-legend').textContent()).toMatch(
      /against the build of \d\d:\d\d/,
    );
    // The cost gutter: what each step cost in that build, from cache or how long it ran.
    const costOf = (text: string) => page.getByTestId('cost-gutter-mark').filter({ hasText: text });
    await expect
      .poll(() => page.getByTestId('cost-gutter-mark').count(), { timeout: 20_000 })
      .toBeGreaterThan(2);
    const costTitles = await page
      .getByTestId('cost-gutter-mark')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
    const added = String.raw`( and added (no bytes to the image|[\d.]+ ?[kMG]?B to the image( \(\d+% of what the build added\))?))?`;
    expect(
      costTitles.filter((title) => new RegExp(`this step came from the cache${added}\\.$`).test(title)),
    ).not.toHaveLength(0);
    expect(
      costTitles.filter((title) => new RegExp(`this step ran for \\d+(\\.\\d)? m?s${added}\\.$`).test(title)),
    ).not.toHaveLength(0);
    // Sizes come from the image's history: the install step wrote bytes into the image.
    expect(costTitles.filter((title) => /added [\d.]+ ?[kMG]?B to the image/.test(title))).not.toHaveLength(
      0,
    );
    expect(await costOf('cached').count()).toBeGreaterThan(0);
    const costsBefore = await page.getByTestId('cost-gutter-mark').count();
    // Edit the install line, unsaved: it and everything after it in the stage will run.
    await page.locator('.cm-line', { hasText: 'RUN pip install -r' }).click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('End');
    await page.keyboard.type(' --quiet');
    await expect.poll(symbols, { timeout: 20_000 }).toMatch(/^✓+↻+$/);
    // The edited line's cost is about what it was: its mark goes, the others stay.
    expect(await page.getByTestId('cost-gutter-mark').count()).toBe(costsBefore - 1);
    const titles = await marks.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
    expect(titles).toContainEqual('its instruction changed');
    expect(titles.filter((title) => title.startsWith('will run because'))).not.toHaveLength(0);
    expect(readFileSync(join(context, 'Dockerfile'), 'utf8')).not.toContain('--quiet');
    await app.screenshot('100-cache-editor-gutter');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
