import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const LINES = 500_000;

describe('a build log of half a million lines', () => {
  let app: RunningApp;
  let pick: string;

  beforeAll(async () => {
    pick = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN seq 1 ${LINES}\n` });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => pick });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps every line, renders only what is on screen, and searches all of it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await page.getByLabel('Builder').selectOption('classic');
    await page.getByLabel('Don’t use the cache').check();
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 120_000 })
      .toBe('Built');
    const count = Number(((await page.getByTestId('log-matches').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(count).toBeGreaterThanOrEqual(LINES);
    // Virtualised: a screenful of rows in the DOM, not half a million.
    expect(await page.locator('.raw-log .log-line').count()).toBeLessThan(200);
    await page.getByLabel('Search the log').fill('499999');
    await expect.poll(() => page.getByTestId('log-matches').textContent()).toBe('1 of 1');
    await page.getByLabel('Search the log').press('Enter');
    await expect.poll(() => page.locator('.raw-log .current-match').textContent()).toContain('499999');
    await app.screenshot('18-long-log-search');
    // Past 200,000 lines the view keeps the head and the tail, and says how many lines it folds.
    await page.getByTestId('raw-log').evaluate((element) => (element.scrollTop = 100_000 * 18 - 120));
    await expect
      .poll(() => page.getByTestId('log-fold').textContent())
      .toMatch(/^… 300,0\d\d lines folded — the full log is in the saved record; Copy log/);
    await app.screenshot('18-long-log-fold');
    // The limit is the user's: showing up to a million lines unfolds this log, and every log after it.
    await page.getByLabel('Show up to').selectOption('1000000');
    await expect.poll(() => page.getByTestId('log-fold').count()).toBe(0);
    await page.getByTestId('raw-log').evaluate((element) => (element.scrollTop = 250_000 * 18));
    await expect.poll(() => page.locator('.raw-log .log-line', { hasText: /^250001/ }).count()).toBe(1);
    await page.getByLabel('Show up to').selectOption('50000');
    await page.getByTestId('raw-log').evaluate((element) => (element.scrollTop = 25_000 * 18 - 120));
    await expect.poll(() => page.getByTestId('log-fold').textContent()).toMatch(/^… 450,0\d\d lines folded/);
    await app.screenshot('18-long-log-limit');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
