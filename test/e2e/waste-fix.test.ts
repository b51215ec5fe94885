/**
 * Issue #20, wasted bytes → a verified fix, walked as a user in browser mode: build a Dockerfile
 * that writes 5,000,000 random bytes in one RUN and deletes them in the next, open it in the
 * editor, find the ⚠ marks on both lines, show the fix as a diff, verify it on the engine (both
 * files built and their final files compared), and apply it into the editor (unsaved).
 */
import { readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

describe('a wasteful Dockerfile fixed from the editor, in browser mode', () => {
  let app: RunningBrowserMode;
  const run = randomUUID().slice(0, 8);
  const dockerfile = [
    `FROM ${rig.baseImage}`,
    `LABEL ${TEST_LABEL}=${run}`,
    'RUN mkdir -p /tmp && head -c 5000000 /dev/urandom > /tmp/data.tar',
    'RUN rm -f /tmp/data.tar',
    '',
  ].join('\n');
  const context = makeContext({ Dockerfile: dockerfile });

  beforeAll(async () => {
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    await app.page.goto(app.server.issueLink());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(context, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('marks both lines, shows the fix, verifies it on the engine and applies it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByLabel('Context folder').fill(context);
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 120_000 })
      .toBe('Built');
    await page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    await page.getByTestId('dockerfile-editor').locator('.cm-content').waitFor();

    // The search for wasted bytes runs after the build; its marks land on lines 3 and 4.
    const marks = page.getByTestId('waste-gutter-mark');
    await expect
      .poll(() => marks.count(), { timeout: 180_000 })
      .toBe(2)
      .catch(async (error: unknown) => {
        await app.screenshot('92-waste-fix-no-marks');
        throw error;
      });
    const titles = await marks.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('title')),
    );
    expect(titles[0]).toMatch(/^Wasted 5MB: files written here are deleted by line 4/);
    expect(titles[1]).toMatch(/^Wasted 5MB: this line deletes files written by line 3, too late/);

    const item = page.getByTestId('waste-fix-item');
    await expect.poll(() => item.count()).toBe(1);
    await item.getByRole('button', { name: 'Show fix' }).click();
    const diff = item.getByTestId('waste-fix-diff');
    await expect
      .poll(() => diff.textContent())
      .toContain('Move `rm -f /tmp/data.tar` into the RUN on line 3');
    expect(await diff.locator('.diff-removed').allTextContents()).toEqual([
      '3- RUN mkdir -p /tmp && head -c 5000000 /dev/urandom > /tmp/data.tar',
      '4- RUN rm -f /tmp/data.tar',
    ]);
    expect(await diff.locator('.diff-added').allTextContents()).toEqual([
      '3+ RUN mkdir -p /tmp && head -c 5000000 /dev/urandom > /tmp/data.tar && rm -f /tmp/data.tar',
    ]);
    // Apply waits for a verification that passed.
    expect(await item.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await diff.scrollIntoViewIfNeeded();
    await app.screenshot('92-waste-fix-diff');

    await item.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(
        () =>
          item
            .getByTestId('waste-fix-progress')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/Building|Reading|Comparing|Removing/);
    const result = item.getByTestId('waste-fix-result');
    await result.waitFor({ timeout: 180_000 });
    expect(await result.locator('p').first().textContent()).toMatch(
      /^✓ .+ → .+, the same files apart from the 5MB removed\.$/,
    );
    await result.scrollIntoViewIfNeeded();
    await app.screenshot('93-waste-fix-verified');

    await item.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('.cm-content').textContent())
      .toContain('/tmp/data.tar && rm -f /tmp/data.tar');
    await expect.poll(() => page.locator('.cm-content').textContent()).not.toContain('RUN rm -f');
    expect(await page.locator('.status-pill', { hasText: 'modified' }).count()).toBe(1);
    // The user saves: nothing was written yet.
    expect(readFileSync(join(context, 'Dockerfile'), 'utf8')).toBe(dockerfile);
    await app.screenshot('94-waste-fix-applied');
  }, 420_000);

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
