import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';
import { socketProtocols } from '../../src/shared/socket-protocols';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

/** A GET over node's http, where the Host header can be anything (fetch forbids setting it). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries the WebSocket upgrade; 'open' when the server let it through, else the HTTP status it answered. */
function upgrade(
  url: string,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('browser mode: the app served to a browser over HTTP and one WebSocket', () => {
  let app: RunningBrowserMode;
  let firstLink: string;
  let cookieName: string;
  const tag = `${TEST_PREFIX}/browser-mode:1`;
  const contexts: string[] = [];

  beforeAll(async () => {
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost }, retryDelaysMs: [300, 600, 1000] });
    cookieName = `dockwright_session_${app.server.port}`;
  });
  afterAll(async () => {
    await app?.close();
    for (const dir of contexts) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the one-time link: HttpOnly SameSite=Strict cookie, the secret in sessionStorage, token and secret gone from the URL, the app’s CSP', async () => {
    expect(app.server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    firstLink = app.server.issueLink();
    expect(firstLink).toMatch(/\/\?token=[A-Za-z0-9_-]{43}$/);
    const response = await app.page.goto(firstLink);
    expect(app.page.url()).toBe(`${app.server.origin}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(
      Object.keys(response?.headers() ?? {}).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
    const cookies = await app.context.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite, cookie.path])).toEqual([
      [cookieName, true, 'Strict', '/'],
    ]);
    // HttpOnly: the page's own scripts cannot read the session.
    expect(
      await app.page.evaluate(
        () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
      ),
    ).toBe('');
    // The secret from the redirect's #fragment lives in this tab's sessionStorage only.
    expect(
      await app.page.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
        ).sessionStorage.getItem('dockwright.session'),
      ),
    ).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('builds window.api over the WebSocket and shows the engine version the docker CLI reports', async () => {
    const { page } = app;
    const surface = await page.evaluate(() =>
      Object.keys((globalThis as unknown as { api: object }).api).sort(),
    );
    expect(surface).toEqual(['invoke', 'on']);
    const version = (await dockerCli(rig.dockerHost, ['version', '--format', '{{.Server.Version}}'])).trim();
    await expect
      .poll(() => page.getByTestId('engine-version').textContent(), { timeout: 15_000 })
      .toBe(version);
    await page.locator(`[data-testid="image-row"][data-ref="${rig.baseImage}"]`).waitFor();
    await app.screenshot('30-browser-images');
  });

  it('builds a folder picked in the in-page picker, and the engine has the image', async () => {
    const context = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, 'COPY hello.txt /hello.txt', 'RUN cat /hello.txt', ''].join('\n'),
      'hello.txt': 'hello from browser mode\n',
    });
    contexts.push(context);
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();

    // A typed path that does not exist says so; Cancel leaves the form as it was.
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    const folderPicker = page.getByRole('dialog', { name: 'Choose the folder to build' });
    await expect
      .poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue())
      .toBe(app.homeDir);
    await folderPicker.getByRole('textbox', { name: 'Path' }).fill(join(context, 'no-such-folder'));
    await folderPicker.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => folderPicker.getByRole('alert').textContent()).toMatch(/Cannot open .*ENOENT/);
    await folderPicker.getByRole('button', { name: 'Cancel', exact: true }).click();
    await folderPicker.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Context folder').inputValue()).toBe('');

    // From the home folder up the breadcrumbs to the temp folder, then into the context.
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect
      .poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue())
      .toBe(app.homeDir);
    await folderPicker
      .getByRole('navigation', { name: 'Breadcrumbs' })
      .getByRole('button', { name: basename(dirname(context)), exact: true })
      .click();
    await expect
      .poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue())
      .toBe(dirname(context));
    await folderPicker
      .getByRole('list', { name: 'Contents' })
      .getByRole('button', { name: basename(context), exact: true })
      .click();
    await expect.poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(context);
    await folderPicker.getByRole('button', { name: 'hello.txt' }).waitFor({ state: 'detached' });
    await app.screenshot('30-browser-folder-picker');
    await folderPicker.getByRole('button', { name: 'Choose this folder' }).click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(context);
    await expect.poll(() => page.getByTestId('context-summary').textContent()).toMatch(/Sends 2 files/);

    // The Dockerfile picker starts in the context and picks files.
    await page.getByRole('button', { name: 'Choose…' }).nth(1).click();
    const filePicker = page.getByRole('dialog', { name: 'Choose the Dockerfile' });
    await expect.poll(() => filePicker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(context);
    await filePicker.getByRole('button', { name: 'Dockerfile', exact: true }).click();
    await app.screenshot('30-browser-dockerfile-picker');
    await filePicker.getByRole('button', { name: 'Choose this file' }).click();
    await expect.poll(() => page.getByLabel('Dockerfile').inputValue()).toBe(join(context, 'Dockerfile'));

    await page.getByLabel('Tag 1').fill(tag);
    // The label lets cleanup on a developer's own engine find this image.
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label name 1').fill(TEST_LABEL);
    await page.getByLabel('Label value 1').fill('1');
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Built');
    await page.getByTestId('build-result').waitFor();
    await app.screenshot('30-browser-build-done');
    const id = (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', tag])).trim();
    expect(await page.getByTestId('build-result').textContent()).toContain(id.slice(7, 19));
    expect(await page.getByTestId('raw-log').textContent()).toContain('hello from browser mode');
  });

  it('saves the built image into a folder picked in the page, and the docker CLI loads the file', async () => {
    const { page } = app;
    const target = mkdtempSync(join(tmpdir(), 'dw-browser-save-'));
    contexts.push(target);
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Save ${tag}`, exact: true }).click();
    const saveDialog = page.getByRole('dialog', { name: `Save ${tag}` });
    const fileName = 'dw-test_browser-mode_1.tar';
    expect(await saveDialog.getByLabel('Archive file').inputValue()).toBe(join(app.homeDir, fileName));
    await saveDialog.getByRole('button', { name: 'Browse…' }).click();
    const folderPicker = page.getByRole('dialog', { name: 'Choose the folder to save into' });
    await expect
      .poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue())
      .toBe(app.homeDir);
    await folderPicker.getByRole('textbox', { name: 'Path' }).fill(target);
    await folderPicker.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => folderPicker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(target);
    await folderPicker.getByRole('button', { name: 'Choose this folder' }).click();
    await folderPicker.waitFor({ state: 'detached' });
    const archive = join(target, fileName);
    expect(await saveDialog.getByLabel('Archive file').inputValue()).toBe(archive);
    await saveDialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => saveDialog.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Saved .+ to ${archive.replace(/[.]/g, '\\.')}\\.$`));
    await app.screenshot('30-browser-saved-image');
    expect(statSync(archive).size).toBeGreaterThan(0);
    expect(await dockerCli(rig.dockerHost, ['load', '--input', archive])).toContain(`Loaded image: ${tag}`);
    await saveDialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('opens external links in a new tab of the user’s browser', async () => {
    const url = `${app.server.origin}/icon.svg`;
    const [popup, result] = await Promise.all([
      app.context.waitForEvent('page'),
      app.page.evaluate(
        (link) =>
          (globalThis as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke(
            'shell:open-external',
            { url: link },
          ),
        url,
      ),
    ]);
    expect(result).toEqual({ ok: true, value: null });
    await popup.waitForLoadState();
    expect(popup.url()).toBe(url);
    await popup.close();
  });

  it('refuses pages without a session, a wrong token and a used token, over real HTTP', async () => {
    const { origin } = app.server;
    const anonymous = await get(`${origin}/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatch(/one-time link/);
    expect(anonymous.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(Object.keys(anonymous.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await get(`${origin}/assets/`)).status).toBe(401);
    expect((await get(`${origin}/?token=wrong`)).status).toBe(403);
    // The browser spent the first link.
    const reused = await get(firstLink);
    expect(reused.status).toBe(403);
    expect(reused.body).toMatch(/already used/);

    const link = app.server.issueLink();
    const entered = await get(link);
    expect(entered.status).toBe(303);
    expect(entered.headers['location']).toMatch(/^\/#session=[A-Za-z0-9_-]{43}$/);
    const setCookie = String(entered.headers['set-cookie']);
    expect(setCookie).toMatch(
      new RegExp(`^${cookieName}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    const cookie = setCookie.split(';')[0]!;
    const page = await get(`${origin}/`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect((await get(link)).status).toBe(403);
    expect((await get(`${origin}/`, { cookie: `${cookieName}=forged` })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with a valid session', async () => {
    const { origin, port } = app.server;
    const entered = await get(app.server.issueLink());
    const cookie = String(entered.headers['set-cookie']).split(';')[0]!;
    expect((await get(`${origin}/`, { cookie, host: `localhost:${port}` })).status).toBe(200);
    const rebound = await get(`${origin}/`, { cookie, host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/Host "attacker\.example/);
    expect((await get(`${origin}/`, { cookie, host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await get(`${origin}/`, { cookie, origin: 'http://attacker.example' })).status).toBe(403);
  });

  it('lets the WebSocket upgrade through only with the session, our Origin and our Host', async () => {
    const { origin, port } = app.server;
    const url = `ws://127.0.0.1:${port}/api`;
    const entered = await get(app.server.issueLink());
    const cookie = String(entered.headers['set-cookie']).split(';')[0]!;
    const protocols = socketProtocols(String(entered.headers['location']).split('#session=')[1]!);

    expect(await upgrade(url, { cookie, origin }, protocols)).toBe('open');
    // The cookie alone reaches every port of this host, so it opens nothing without the secret.
    expect(await upgrade(url, { cookie, origin })).toBe(401);
    expect(await upgrade(url, { origin }, protocols)).toBe(401);
    expect(await upgrade(url, { cookie, origin: 'http://attacker.example' }, protocols)).toBe(403);
    expect(await upgrade(url, { cookie, origin: 'null' }, protocols)).toBe(403);
    expect(await upgrade(url, { cookie }, protocols)).toBe(403);
    expect(
      await upgrade(
        url,
        {
          cookie,
          origin: `http://attacker.example:${port}`,
          host: `attacker.example:${port}`,
        },
        protocols,
      ),
    ).toBe(403);
    expect(await upgrade(`ws://127.0.0.1:${port}/other`, { cookie, origin }, protocols)).toBe(404);

    // Through the open socket the same handler table answers, with the same validation.
    const socket = new WebSocket(url, protocols, { headers: { cookie, origin } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const answers = new Map<number, unknown>();
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { t: string; id: number; result: unknown };
      if (message.t === 'res') answers.set(message.id, message.result);
    });
    socket.send(JSON.stringify({ t: 'req', id: 1, channel: 'app:info', input: {} }));
    socket.send(JSON.stringify({ t: 'req', id: 2, channel: 'images:remove', input: { ref: '' } }));
    socket.send(JSON.stringify({ t: 'req', id: 3, channel: 'no:such-channel', input: {} }));
    socket.send(JSON.stringify({ t: 'req', id: 4, channel: 'dialog:pick-folder', input: { title: 'x' } }));
    await expect.poll(() => answers.size).toBe(4);
    expect(answers.get(1)).toMatchObject({ ok: true, value: { mode: 'browser', homeDir: app.homeDir } });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ref' } });
    expect(answers.get(3)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(answers.get(4)).toEqual({ ok: true, value: null });
    socket.close();
  });

  it("raised no page error, console error or CSP violation (the WebSocket passes connect-src 'self')", async () => {
    expect(await app.problems()).toEqual([]);
  });

  it('says the connection to Dockwright is lost when the server goes away, without uncaught errors', async () => {
    const { page } = app;
    await app.server.close();
    // The banner says so at once, whatever page is open, and requests fail saying the same.
    await expect
      .poll(() => page.getByTestId('connection-lost').textContent(), { timeout: 10_000 })
      .toMatch(/^Connection to Dockwright lost; reconnecting/);
    expect(await page.getByTestId('engine-badge').count()).toBe(0);
    const refused = await page.evaluate(() =>
      (globalThis as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api
        .invoke('app:info', {})
        .then(
          () => 'answered',
          (error: Error) => error.message,
        ),
    );
    expect(refused).toMatch(/^Connection to Dockwright lost/);
    await app.screenshot('30-browser-connection-lost');
    // Chromium logs each failed reconnection attempt; nothing else may go wrong.
    const problems = await app.problems();
    expect(problems.filter((problem) => !/WebSocket connection to .* failed/.test(problem))).toEqual([]);
  });
});
