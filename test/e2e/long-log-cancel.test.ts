import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';
import { cancelAnswer, WATCH_CANCEL, type CancelWatch } from './harness/watch-cancel';

const rig = inject('rig');
// 50,000 lines at a time with a pause between: still streaming when Cancel is clicked.
const BURSTS = 60;
const LINES = BURSTS * 50_000;

describe('cancelling a build while millions of log lines stream in', () => {
  let app: RunningApp;
  let pick: string;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    pick = makeContext({
      Dockerfile: `FROM ${rig.baseImage}\nLABEL ${TEST_LABEL}=${run}\nRUN for i in $(seq 1 ${BURSTS}); do seq 1 50000; sleep 0.2; done\n`,
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => pick });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(pick, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('answers the click mid-stream and ends cancelled', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await page.getByLabel('Builder').selectOption('classic');
    await page.getByLabel('Don’t use the cache').check();
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    const lineCount = async (): Promise<number> =>
      Number(((await page.getByTestId('log-matches').textContent()) ?? '').replace(/[^\d]/g, ''));
    await expect.poll(lineCount, { timeout: 120_000, interval: 100 }).toBeGreaterThan(100_000);
    await page.evaluate(WATCH_CANCEL);
    await page.getByRole('button', { name: 'Cancel build' }).click();
    await expect.poll(() => page.evaluate('window.__dwCancel.paintedAt'), { timeout: 30_000 }).not.toBeNull();
    const answer = cancelAnswer((await page.evaluate('window.__dwCancel')) as CancelWatch);
    console.log(
      `cancel answered in frame ${answer.frames}, painted ${answer.ms.toFixed(0)} ms after the click`,
    );
    // The click's own task says "Cancelling…", so the next frame paints it however busy the page
    // is with lines (it waited for the mutation's state, a task later: frame 2 to 4, before). How
    // many milliseconds that is depends on the machine: printed, and bench/log-streaming reports it.
    expect(answer.frames).toBe(1);
    // Still streaming when it was clicked.
    expect(await lineCount()).toBeLessThan(LINES);

    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Cancelled');
    await expect
      .poll(() => page.locator('.raw-log .log-line').last().textContent(), { timeout: 10_000 })
      .toContain('Build cancelled.');
    await app.screenshot('18-long-log-cancelled');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
