import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('a BuildKit build with a secret, from the build form', () => {
  let app: RunningApp;
  let pick: string | null = null;
  const secretDir = mkdtempSync(join(tmpdir(), 'dw-e2e-secret-'));
  const secret = `e2e-s3cret-${randomBytes(8).toString('hex')}`;
  const secretFile = join(secretDir, 'token.txt');

  beforeAll(async () => {
    writeFileSync(secretFile, secret);
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => pick });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(secretDir, { recursive: true, force: true });
  });

  it('shows a missing secret file at its row, then builds with the secret mounted for RUN', async () => {
    pick = makeContext({
      Dockerfile: `FROM ${rig.baseImage}\nRUN --mount=type=secret,id=tok sha256sum /run/secrets/tok\n`,
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(pick);
    await page.getByLabel('Don’t use the cache').check();
    await page.getByRole('button', { name: 'Add a secret' }).click();
    await page.getByLabel('Secret id 1').fill('tok');
    await page.getByLabel('Secret file 1').fill(join(secretDir, 'missing.txt'));
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    const rowError = page.locator('.secret-row [role="alert"]');
    await expect.poll(() => rowError.textContent()).toMatch(/missing\.txt does not exist/);
    await app.screenshot('19-build-secret-missing');

    await page.getByLabel('Secret file 1').fill(secretFile);
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Built');
    const log = (await page.getByTestId('raw-log').textContent()) ?? '';
    expect(log).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(log).not.toContain(secret);
    expect(await page.getByTestId('context-transfer').count()).toBe(0);
    await app.screenshot('20-build-secret-done');

    // The history kept the id only: building again asks for the file again, at its row.
    await page.getByRole('button', { name: 'Build again…' }).click();
    await expect.poll(() => page.getByLabel('Secret id 1').inputValue()).toBe('tok');
    expect(await page.getByLabel('Secret file 1').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => rowError.textContent())
      .toMatch(/^Choose the file or name the variable that holds secret tok/);
    await app.screenshot('21-build-secret-again');
  });
});
