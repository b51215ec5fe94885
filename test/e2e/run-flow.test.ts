import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { dockerCli } from '../support/docker-cli';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const image = `${TEST_PREFIX}/e2e-server:1`;

describe('running a server from the image list', () => {
  let app: RunningApp;

  beforeAll(async () => {
    await buildTestImage(rigDocker(rig.dockerHost), image, {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN mkdir -p /www && echo served-by-e2e > /www/index.html',
        'EXPOSE 8080',
        `CMD ["sh", "-c", "echo 'server starting'; printf '\\\\033[32mgreen ready\\\\033[0m\\\\n'; echo 'a warning' >&2; exec httpd -f -v -p 8080 -h /www"]`,
        '',
      ].join('\n'),
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prefills the exposed port, serves on it, shows output live, and stops', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Run ${image}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${image}` });
    const hostPort = Number(await dialog.getByLabel('Host port 1').inputValue());
    expect(hostPort).toBeGreaterThan(0);
    expect(await dialog.getByLabel('Container port 1').inputValue()).toBe('8080');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();

    await expect
      .poll(() => page.getByTestId('container-output').textContent(), { timeout: 20_000 })
      .toContain('green ready');
    const response = await fetch(`http://127.0.0.1:${hostPort}/`).then((r) => r.text());
    expect(response.trim()).toBe('served-by-e2e');
    await expect
      .poll(() => page.locator('[data-stream="stderr"]').allTextContents())
      .toContainEqual(expect.stringContaining('a warning'));
    // ANSI colours are rendered, not printed as escape codes.
    expect(await page.getByTestId('container-output').textContent()).not.toContain('[32m');
    const green = page.locator('[data-testid="container-output"] span', { hasText: 'green ready' });
    expect(
      await green.evaluate(
        (element) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(
            element,
          ).color,
      ),
    ).not.toBe('rgb(213, 221, 232)');
    await expect.poll(() => page.getByTestId('container-row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('container-details').textContent()).toContain('8080/tcp');
    await app.screenshot('20-container-running');

    await page.getByTestId('container-state').getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => page.getByTestId('container-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('exited');
    await app.screenshot('21-container-stopped');
    const remaining = await dockerCli(rig.dockerHost, ['ps', '-q', '--filter', `ancestor=${image}`]);
    expect(remaining.trim()).toBe('');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
