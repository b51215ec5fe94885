import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices } from '../support/main-services';
import { launchApp, type RunningApp } from './harness/launch-app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const rig = inject('rig');

describe('the Dockerfile editor', () => {
  let app: RunningApp;
  let context: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dw-e2e-editor-'));
    context = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, 'COPY hello.txt /hello.txt', 'CMD cat /hello.txt', ''].join('\n'),
      'hello.txt': 'hi\n',
    });
    const services = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, dataDir);
    await services.settled();
    expect((await buildAndWait(services, buildRequest(context))).status).toBe('succeeded');
    services.services.dispose();
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, dataDir });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens a built Dockerfile, marks problems, applies a quick fix and saves it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByTestId('history-row').first().getByRole('button').first().click();
    await page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    await page.getByTestId('dockerfile-editor').locator('.cm-content').waitFor();
    await expect.poll(() => page.getByTestId('lint-counts').textContent()).toMatch(/[1-9]\d* warnings/);
    await expect.poll(() => page.locator('.cm-lint-marker-warning').count()).toBeGreaterThan(0);

    // The shell-form CMD on line 3: hover its marker and take the quick fix.
    const marker = page
      .locator('.cm-gutter-lint .cm-gutterElement')
      .filter({ has: page.locator('.cm-lint-marker') })
      .last();
    await marker.hover();
    const fix = page.locator('.cm-diagnosticAction', { hasText: /Convert to CMD/ }).first();
    await fix.waitFor();
    await app.screenshot('70-editor-quick-fix');
    // The note opens by its mark, inside the editor's column: not from the window's edge over the sidebar.
    const note = await page.locator('.cm-tooltip.cm-tooltip-lint').boundingBox();
    const column = await page.getByTestId('dockerfile-editor').boundingBox();
    const sidebar = await page.locator('nav.sidebar').boundingBox();
    expect(note!.x).toBeGreaterThanOrEqual(Math.max(column!.x, sidebar!.x + sidebar!.width));
    expect(note!.x + note!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await fix.click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('CMD ["cat", "/hello.txt"]');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => readFileSync(join(context, 'Dockerfile'), 'utf8'))
      .toContain('CMD ["cat", "/hello.txt"]');
  });

  it('notices a change made outside and reloads it', async () => {
    const { page } = app;
    writeFileSync(join(context, 'Dockerfile'), `FROM ${rig.baseImage}\nCMD ["echo", "changed outside"]\n`);
    await page.getByTestId('outside-change').waitFor({ timeout: 10_000 });
    await app.screenshot('71-editor-outside-change');
    await page.getByRole('button', { name: /Reload it/ }).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('changed outside');
  });

  it('reopens what is on disk after a save and a change outside, never the first copy it read', async () => {
    const { page } = app;
    const dockerfile = join(context, 'Dockerfile');
    const openEditor = async (): Promise<void> => {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByTestId('history-row').first().getByRole('button').first().click();
      await page.getByRole('button', { name: 'Edit Dockerfile' }).click();
    };
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await openEditor();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('changed outside');

    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('LABEL edited=yes');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(dockerfile, 'utf8')).toContain('LABEL edited=yes');

    // Leave, let something else rewrite the file (a git checkout), come back.
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    writeFileSync(
      dockerfile,
      `FROM ${rig.baseImage}\nLABEL from-disk=2\nCMD ["echo", "second outside change"]\n`,
    );
    await openEditor();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('second outside change');
    expect(await page.locator('.cm-content').textContent()).not.toContain('edited=yes');
    expect(await page.getByTestId('editor-page').locator('.status-pill').textContent()).toBe('saved');
    await app.screenshot('72-editor-reopened-from-disk');

    // A file that is gone says so instead of showing an old copy.
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    const kept = readFileSync(dockerfile, 'utf8');
    rmSync(dockerfile);
    try {
      await openEditor();
      await page.getByTestId('editor-open-error').waitFor();
      expect(await page.locator('.cm-content').count()).toBe(0);
      await app.screenshot('73-editor-file-gone');
    } finally {
      writeFileSync(dockerfile, kept);
    }
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
