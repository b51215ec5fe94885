/**
 * Issue #14 "Done when": a new user's first hour as one session in browser mode (the real server,
 * Chromium, no keyring, no credential helper) against the private engine and the htpasswd
 * registry, with no terminal step: build a Flask app → edit and rebuild → break it → cancel a slow
 * build → layers → compare with the previous build → tag → log in → push → run.
 *
 * Ground truth is never the page: the engine (docker CLI) for image ids and layer sizes, the
 * registry's API for the pushed digest, the host's process table for "nothing left running", and
 * an HTTP GET on the published port for the running app.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MainServices } from '../../src/main/services';
import { formatSize } from '../../src/shared/format-size';
import { shortImageId } from '../../src/shared/images';
import { dockerCli } from '../support/docker-cli';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { findLeaks, findSecret } from '../support/secret-scan';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { fetchManifest } from '../support/start-registry';
import { rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');
const execFileAsync = promisify(execFile);

const repo = `${TEST_PREFIX}/app`;
const v10 = `${repo}:1.0`;
const v11 = `${repo}:1.1`;
/** The version being worked on when the build breaks and is cancelled: never gets an image. */
const v12 = `${repo}:1.2`;
/** A command line no other process on the machine has, so the process table can be asked about it. */
const SLOW_STEP = 'RUN echo warming up && sleep 97';

const GREETING_10 = 'Hello, World!';
const GREETING_11 = 'Hello from my first container, version 1.1!';

/** A beginner course's Flask app: one route, listening on all addresses inside the container. */
const appPy = (greeting: string): string =>
  [
    'from flask import Flask',
    '',
    'app = Flask(__name__)',
    '',
    '',
    '@app.route("/")',
    'def hello():',
    `    return "${greeting}\\n"`,
    '',
    '',
    'if __name__ == "__main__":',
    '    app.run(host="0.0.0.0", port=5000)',
    '',
  ].join('\n');

/**
 * The course's Dockerfile with its classic mistake: the apt clean-up in a RUN of its own (line 8),
 * so the lists line 3 downloaded stay in line 3's layer.
 */
const dockerfile = (version: string, extraLine: string | null = null): string =>
  [
    'FROM python:3.11-slim',
    'ENV PYTHONUNBUFFERED=1',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    ...(extraLine ? [extraLine] : []),
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY app.py .',
    'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
    `LABEL version="${version}"`,
    'EXPOSE 5000',
    'CMD ["python", "app.py"]',
    '',
  ].join('\n');

/**
 * The build result's and the Layers tab's headline: line 3's apt lists and caches, deleted by line
 * 8 (apt-get install also rewrites a little of the base image's dpkg state, named after it).
 */
const WASTE_HEADLINE = /^\d+(\.\d+)?MB wasted: files written by line 3 and deleted by line 8\b/;

/** Processes on this machine (containers' included) whose command line contains `text`. */
async function processesRunning(text: string): Promise<string[]> {
  const found = await execFileAsync('pgrep', ['-af', text]).catch(() => ({ stdout: '' }));
  return found.stdout.split('\n').filter(Boolean);
}

/** The engine's own layer sizes of `ref`, by the instruction that made each history entry. */
async function historySizes(ref: string): Promise<Array<{ createdBy: string; size: number }>> {
  const out = await dockerCli(rig.dockerHost, [
    'history',
    '--no-trunc',
    '--human=false',
    '--format',
    '{{.CreatedBy}}\t{{.Size}}',
    ref,
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [createdBy = '', size = '0'] = line.split('\t');
      return { createdBy, size: Number(size) };
    });
}

async function imageId(ref: string): Promise<string> {
  return (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', ref])).trim();
}

/** The stand-in base image and the registry exist on the private engine only. */
describe.skipIf(rig.mode !== 'private' || !rig.registry)(
  'a new user’s first hour, in browser mode with no terminal step (issue #14)',
  () => {
    const registry = rig.registry ?? { address: '', username: '', password: '' };
    const pushed = { repo: 'first-hour/app', tag: '1.1' };
    const pushedRef = `${registry.address}/${pushed.repo}:${pushed.tag}`;
    let app: RunningBrowserMode;
    let project: string;
    /** Request channels whose answers are held back until released, to look at a loading state. */
    const held = new Set<string>();
    const waiting: Array<() => void> = [];
    const release = (channel: string): void => {
      held.delete(channel);
      waiting.splice(0).forEach((go) => go());
    };

    beforeAll(async () => {
      await ensurePythonStandIn(rigDocker(rig.dockerHost));
      app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
      // The project lives in the user's home, where the in-page picker starts.
      project = join(app.homeDir, 'flask-app');
      mkdirSync(project);
      writeFileSync(join(project, 'app.py'), appPy(GREETING_10));
      writeFileSync(join(project, 'requirements.txt'), 'flask\n');
      writeFileSync(join(project, 'Dockerfile'), dockerfile('1.0'));
      // Each page socket is bound to the dispatch present when it opens: wrap it before the page does.
      const services: MainServices = app.server.services;
      const dispatch = services.dispatch;
      services.dispatch = async (channel, input, signal) => {
        if (held.has(channel)) await new Promise<void>((go) => waiting.push(go));
        return dispatch(channel, input, signal);
      };
      await app.page.goto(app.server.issueLink());
      await app.page.getByTestId('engine-version').waitFor({ timeout: 20_000 });
    }, 600_000);
    afterAll(async () => {
      waiting.splice(0).forEach((go) => go());
      await app?.close();
      const left = await dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `ancestor=${v11}`]).catch(
        () => '',
      );
      for (const id of left.split('\n').filter(Boolean))
        await dockerCli(rig.dockerHost, ['rm', '-f', id]).catch(() => '');
      await dockerCli(rig.dockerHost, ['rmi', pushedRef, v11, v10]).catch(() => '');
    });

    const page = () => app.page;
    const nav = (name: string) =>
      page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
    const buildStatus = () => page().getByTestId('build-status').textContent();
    const diskLines = () => readFileSync(join(project, 'Dockerfile'), 'utf8').split('\n');
    const editorLines = () => page().locator('[data-testid="dockerfile-editor"] .cm-line').allTextContents();
    const editorLine = (text: string) =>
      page().locator('[data-testid="dockerfile-editor"] .cm-line', { hasText: text });
    const stepStatuses = () =>
      page()
        .locator('[data-testid="step"]')
        .evaluateAll((items) =>
          items.map(
            (item) =>
              `${item.querySelector('.step-name')?.textContent} → ${item.getAttribute('data-status')}`,
          ),
        );
    /** From a build's page: "Build again…" with the same request, another tag, and Build. */
    const buildAgainAs = async (tag: string): Promise<void> => {
      await page().getByRole('button', { name: 'Build again…' }).click();
      await page().getByRole('form', { name: 'New build' }).waitFor();
      await page().getByLabel('Tag 1').fill(tag);
      await page().getByRole('button', { name: 'Build', exact: true }).last().click();
      await page().getByTestId('build-view').waitFor();
    };
    const saveWithCtrlS = async (expected: string): Promise<void> => {
      await page().keyboard.press('Control+s');
      await expect.poll(() => readFileSync(join(project, 'Dockerfile'), 'utf8')).toBe(expected);
      await expect
        .poll(() => page().getByTestId('editor-page').locator('.status-pill').textContent())
        .toBe('saved');
    };
    const label = async (ref: string): Promise<string> => `${ref} (${shortImageId(await imageId(ref))})`;

    it('builds the Flask app picked in the page, tagged 1.0, and the result says the cleanup RUN wastes bytes', async () => {
      await nav('Build').click();
      await page().getByRole('button', { name: 'Choose…' }).first().click();
      const picker = page().getByRole('dialog', { name: 'Choose the folder to build' });
      await picker
        .getByRole('list', { name: 'Contents' })
        .getByRole('button', { name: 'flask-app', exact: true })
        .click();
      await expect.poll(() => picker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(project);
      await picker.getByRole('button', { name: 'Choose this folder' }).click();
      await expect.poll(() => page().getByLabel('Context folder').inputValue()).toBe(project);
      await expect.poll(() => page().getByTestId('context-summary').textContent()).toMatch(/Sends 3 files/);
      await page().getByLabel('Tag 1').fill(v10);
      // The label lets cleanup on a developer's own engine find these images.
      await page().getByRole('button', { name: 'Add label' }).click();
      await page().getByLabel('Label name 1').fill(TEST_LABEL);
      await page().getByLabel('Label value 1').fill('1');
      await app.screenshot('90-first-hour-01-form');
      await page().getByRole('button', { name: 'Build', exact: true }).last().click();
      await page().getByTestId('build-view').waitFor();
      await expect.poll(buildStatus, { timeout: 150_000 }).toBe('Built');
      expect(await page().getByTestId('build-result').textContent()).toContain(
        shortImageId(await imageId(v10)),
      );
      // Found by the analysis that runs by itself after the build: line 3's apt lists, deleted by line 8.
      const waste = page().getByTestId('waste-summary');
      await expect.poll(() => waste.getAttribute('data-state'), { timeout: 90_000 }).toBe('wasted');
      expect(await page().getByTestId('waste-headline').textContent()).toMatch(WASTE_HEADLINE);
      expect(await waste.textContent()).toMatch(/\/var\/(lib\/apt\/lists|cache\/apt)\//);
      await app.screenshot('90-first-hour-02-built');
    }, 240_000);

    it('edits the Dockerfile and saves with Ctrl+S, rebuilds as 1.1, and reopening the editor shows the disk', async () => {
      // The greeting is changed in the user's own code editor; Dockwright edits only the Dockerfile.
      writeFileSync(join(project, 'app.py'), appPy(GREETING_11));
      await page().getByRole('button', { name: 'Edit Dockerfile' }).click();
      await expect.poll(editorLines).toEqual(diskLines());
      await editorLine('LABEL version="1.0"').click();
      await page().keyboard.press('End');
      await page().keyboard.press('ArrowLeft');
      for (let i = 0; i < 3; i++) await page().keyboard.press('Backspace');
      await page().keyboard.type('1.1');
      await expect
        .poll(() => page().getByTestId('editor-page').locator('.status-pill').textContent())
        .toBe('modified');
      await saveWithCtrlS(dockerfile('1.1'));
      await app.screenshot('90-first-hour-03-editor-saved');

      // Back to the 1.0 build, and build it again as 1.1.
      await nav('Build').click();
      await expect.poll(buildStatus).toBe('Built');
      await buildAgainAs(v11);
      await expect.poll(buildStatus, { timeout: 60_000 }).toBe('Built');
      expect(await page().getByTestId('build-result').textContent()).toContain(
        shortImageId(await imageId(v11)),
      );
      expect(await imageId(v11)).not.toBe(await imageId(v10));
      await app.screenshot('90-first-hour-04-rebuilt');

      await page().getByRole('button', { name: 'Edit Dockerfile' }).click();
      await expect.poll(editorLines).toEqual(diskLines());
      expect(await editorLines()).toContain('LABEL version="1.1"');
      expect(await page().getByTestId('editor-page').locator('.status-pill').textContent()).toBe('saved');
      await app.screenshot('90-first-hour-05-editor-reopened');
    }, 120_000);

    it('breaks it with a package that does not exist: the headline in words, later steps not run', async () => {
      // In the editor still open on 1.1's Dockerfile: a new line 4.
      await editorLine('WORKDIR /app').click();
      await page().keyboard.press('Home');
      await page().keyboard.type('RUN apt-get install -y nosuchpackage');
      await page().keyboard.press('Enter');
      await saveWithCtrlS(dockerfile('1.1', 'RUN apt-get install -y nosuchpackage'));

      await nav('Build').click();
      await expect.poll(buildStatus).toBe('Built');
      await buildAgainAs(v12);
      await expect.poll(buildStatus, { timeout: 60_000 }).toBe('Failed');
      await expect
        .poll(() => page().getByTestId('build-error-headline').textContent())
        .toBe('Line 4: apt-get install could not find the package nosuchpackage (exit code 100)');
      expect(await page().getByTestId('build-error-raw').textContent()).toMatch(/exit code: 100/);
      expect((await page().getByTestId('build-error-output').textContent())!.split('\n')).toContain(
        'E: Unable to locate package nosuchpackage',
      );
      expect(await stepStatuses()).toEqual([
        expect.stringMatching(/FROM .*python:3\.11-slim(@sha256:[0-9a-f]{64})? → (done|cached)$/),
        expect.stringMatching(/RUN apt-get update .* → cached$/),
        expect.stringMatching(/RUN apt-get install -y nosuchpackage → error$/),
        expect.stringMatching(/WORKDIR \/app → not-run$/),
        expect.stringMatching(/COPY requirements.txt \. → not-run$/),
        expect.stringMatching(/RUN pip install .* → not-run$/),
        expect.stringMatching(/COPY app.py \. → not-run$/),
        expect.stringMatching(/RUN apt-get clean .* → not-run$/),
      ]);
      expect(
        await page().locator('[data-testid="step"][data-status="not-run"] .step-status').allTextContents(),
      ).toEqual(Array(5).fill('not run'));
      expect(await page().getByTestId('build-progress').textContent()).toBe('3 of 8 steps ran');
      await app.screenshot('90-first-hour-06-failed');
    }, 90_000);

    it('fixed, then a slow step cancelled: its steps say cancelled and nothing is left running', async () => {
      await page().getByRole('button', { name: 'Edit Dockerfile' }).click();
      await expect.poll(editorLines).toEqual(diskLines());
      await editorLine('nosuchpackage').click();
      await page().keyboard.press('Home');
      await page().keyboard.press('Shift+End');
      await page().keyboard.type(SLOW_STEP);
      await saveWithCtrlS(dockerfile('1.1', SLOW_STEP));

      await nav('Build').click();
      await expect.poll(buildStatus).toBe('Failed');
      await buildAgainAs(v12);
      const slow = page().locator('[data-testid="step"][data-status="running"]', { hasText: 'sleep 97' });
      await slow.waitFor({ timeout: 60_000 });
      await expect.poll(() => processesRunning('sleep 97'), { timeout: 20_000 }).not.toEqual([]);
      await page().getByRole('button', { name: 'Cancel build' }).click();
      await expect.poll(buildStatus, { timeout: 30_000 }).toBe('Cancelled');
      await expect.poll(() => page().locator('[data-status="running"]').count()).toBe(0);
      expect(await stepStatuses()).toEqual([
        expect.stringMatching(/FROM .* → (done|cached)$/),
        expect.stringMatching(/RUN apt-get update .* → cached$/),
        expect.stringMatching(/RUN echo warming up && sleep 97 → cancelled$/),
        ...Array(5).fill(expect.stringMatching(/ → not-run$/)),
      ]);
      const panel = page().getByTestId('dockerfile-panel');
      expect(await panel.locator('[data-line="4"]').getAttribute('data-status')).toBe('cancelled');
      expect(await panel.locator('[data-line="4"] .badge').textContent()).toBe('cancelled');
      await expect.poll(() => processesRunning('sleep 97'), { timeout: 20_000 }).toEqual([]);
      await app.screenshot('90-first-hour-07-cancelled');
    }, 90_000);

    it('shows the layers of 1.1 with a loading state, the chart, and the wasted bytes of the cleanup RUN', async () => {
      const label11 = await label(v11);
      held.add('layers:details');
      await nav('Images').click();
      await page()
        .getByRole('button', { name: `Layers of ${v11}` })
        .click();
      await expect
        .poll(() => page().getByTestId('layers-loading').textContent())
        .toBe(`Reading the layers of ${label11}…`);
      await app.screenshot('90-first-hour-08-layers-loading');
      release('layers:details');
      await page().getByTestId('layer-chart').locator('.recharts-bar-rectangle').first().waitFor();
      expect(await page().getByLabel('Image', { exact: true }).locator('option:checked').textContent()).toBe(
        label11,
      );
      await expect
        .poll(() => page().getByTestId('waste-headline').textContent(), { timeout: 90_000 })
        .toMatch(WASTE_HEADLINE);
      expect(await page().getByTestId('layer-table').textContent()).toContain(
        'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
      );
      await app.screenshot('90-first-hour-09-layers');
    }, 120_000);

    it('compares with the previous build: 1.0 left, 1.1 right, deltas newer − older, short ids and tags as headers', async () => {
      const [older, newer] = [await label(v10), await label(v11)];
      held.add('layers:compare');
      await nav('History').click();
      await page().getByRole('button', { name: v11, exact: true }).click();
      await expect.poll(buildStatus).toBe('Built');
      await page().getByRole('button', { name: 'Compare with previous build' }).click();
      await expect
        .poll(() => page().getByTestId('comparison-loading').textContent())
        .toBe(`Comparing ${older} with ${newer} (reading both histories)…`);
      await app.screenshot('90-first-hour-10-comparing');
      release('layers:compare');
      const headline = page().getByTestId('comparison-headline');
      await headline.waitFor({ timeout: 30_000 });

      // Ground truth: the engine's sizes of the COPY app.py layer in each image.
      const copyOf = async (ref: string) =>
        (await historySizes(ref)).find((entry) => entry.createdBy.startsWith('COPY app.py'))!.size;
      const [copy10, copy11] = [await copyOf(v10), await copyOf(v11)];
      // The containerd store's history counts whole disk blocks: app.py, 30 bytes longer, fills
      // the same 4 KiB block in both images, and the comparison says what the engine says.
      const onDisk = rig.target === 'engine2';
      if (onDisk) {
        expect(copy10 % 4096).toBe(0);
        expect(copy11).toBe(copy10);
        expect(await headline.textContent()).toMatch(
          new RegExp(`^${literal(older)} → ${literal(newer)}: .* on disk \\(`),
        );
      } else {
        expect(copy11 - copy10).toBe(GREETING_11.length - GREETING_10.length);
        expect(await headline.textContent()).toMatch(
          new RegExp(
            `^${literal(older)} → ${literal(newer)}: .*\\. Grew most: COPY app\\.py \\. \\(${literal(grewBy(copy11 - copy10))}\\)\\.$`,
          ),
        );
      }
      expect(await page().getByLabel('Image', { exact: true }).locator('option:checked').textContent()).toBe(
        older,
      );
      expect(await page().getByLabel('Compare with').locator('option:checked').textContent()).toBe(newer);
      const table = page().getByTestId('comparison-table');
      expect(await table.locator('thead th').allTextContents()).toEqual([
        'Instruction',
        `${older}older${onDisk ? ', on disk' : ''}`,
        `${newer}newer${onDisk ? ', on disk' : ''}`,
        'Changenewer − older',
      ]);
      expect(await page().locator('.recharts-legend-item-text').allTextContents()).toEqual([
        `${older} (older)`,
        `${newer} (newer)`,
      ]);
      const copyRow = table.getByTestId('comparison-row').filter({ hasText: 'COPY app.py .' });
      expect(await copyRow.locator('td').allTextContents()).toEqual([
        'COPY app.py .',
        formatSize(copy10),
        formatSize(copy11),
        onDisk ? '0B' : `${grewBy(copy11 - copy10)} (+${(((copy11 - copy10) / copy10) * 100).toFixed(0)}%)`,
      ]);
      // The cleanup RUN is in both images, saves nothing, and says why.
      const cleanup = table.getByTestId('comparison-row').filter({ hasText: 'RUN apt-get clean' });
      expect(await cleanup.locator('.badge-soft').count()).toBe(0);
      expect(await cleanup.locator('td').nth(3).textContent()).toBe('0B');
      await expect
        .poll(() => cleanup.getByTestId('comparison-row-waste').textContent(), { timeout: 60_000 })
        .toMatch(
          /^Deletes \d+(\.\d+)?MB written by line 3, too late: those bytes stay in that layer\. Move this into the RUN on line 3\.$/,
        );
      await app.screenshot('90-first-hour-11-compare');
    }, 120_000);

    it('tags 1.1 for the registry, logs in for this session only, pushes, and shows the digest the registry has', async () => {
      await nav('Images').click();
      await page()
        .getByRole('button', { name: `Tag ${v11}` })
        .click();
      const tagDialog = page().getByRole('dialog', { name: /^Tag / });
      // Titled by the short id, as the image list shows it, never a full sha256.
      expect(await tagDialog.getByRole('heading').textContent()).toBe(
        `Tag image ${shortImageId(await imageId(v11))}`,
      );
      await tagDialog.getByLabel('New tag').fill(pushedRef);
      await expect
        .poll(() => tagDialog.getByTestId('tag-resolution').textContent())
        .toContain(`registry ${registry.address}`);
      await app.screenshot('90-first-hour-12-tag');
      await tagDialog.getByRole('button', { name: 'Add tag' }).click();
      await tagDialog.getByRole('button', { name: `Push ${pushedRef}` }).click();

      const pushDialog = page().getByRole('dialog', { name: 'Push' });
      await pushDialog.getByText(`You are not logged in to ${registry.address}`).waitFor();
      const place = pushDialog.getByTestId('login-place');
      await expect.poll(() => place.getByLabel(/Only for this session/).isChecked()).toBe(true);
      expect(await pushDialog.textContent()).not.toMatch(/keeps this login encrypted/);
      await pushDialog.getByLabel('User name').fill(registry.username);
      await pushDialog.getByLabel('Password').fill(registry.password);
      await app.screenshot('90-first-hour-13-login');
      await pushDialog.getByRole('button', { name: 'Log in' }).click();
      await expect
        .poll(() => pushDialog.getByTestId('login-done').textContent(), { timeout: 15_000 })
        .toBe(
          `Logged in as ${registry.username}. Kept for this session only: Dockwright forgets it when it quits.`,
        );
      await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();

      const push = page().locator('[data-testid="push"]', { hasText: pushedRef }).first();
      await expect.poll(() => push.getAttribute('data-status'), { timeout: 120_000 }).toBe('succeeded');
      const manifest = await fetchManifest(registry, pushed.repo, pushed.tag);
      expect(manifest.status).toBe(200);
      const digest = manifest.headers.get('docker-content-digest');
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await push.getByTestId('push-digest').textContent()).toContain(digest);
      await barsFull(push);
      await app.screenshot('90-first-hour-14-pushed');
    }, 150_000);

    it('runs 1.1 on its port: Flask’s start lines, the new greeting on the host port, and stops it', async () => {
      await nav('Images').click();
      await page()
        .getByRole('button', { name: `Run ${v11}` })
        .click();
      const dialog = page().getByRole('dialog', { name: `Run ${v11}` });
      expect(await dialog.getByLabel('Container port 1').inputValue()).toBe('5000');
      const hostPort = Number(await dialog.getByLabel('Host port 1').inputValue());
      expect(hostPort).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: 'Run', exact: true }).click();

      const output = page().getByTestId('container-output');
      await expect
        .poll(() => output.textContent(), { timeout: 30_000 })
        .toContain('Running on http://127.0.0.1:5000');
      expect(await output.textContent()).toContain("Serving Flask app 'app'");
      const answer = await fetch(`http://127.0.0.1:${hostPort}/`, { signal: AbortSignal.timeout(10_000) });
      expect(await answer.text()).toBe(`${GREETING_11}\n`);
      await app.screenshot('90-first-hour-15-running');

      // Python as process 1 has no SIGTERM handler, so the engine would wait its 10 s: kill it now.
      const state = page().getByTestId('container-state');
      await state.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => state.getAttribute('data-stopping')).toBe('true');
      await state.getByRole('button', { name: 'Kill now' }).click();
      await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('exited');
      expect(await page().getByTestId('exit-explanation').textContent()).toMatch(/killed at once/);
      await app.screenshot('90-first-hour-16-stopped');
      await expect
        .poll(() => dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `ancestor=${v11}`]), {
          timeout: 10_000,
        })
        .toBe('');
    }, 60_000);

    it('kept the password out of the page and every file, and raised no page error, console error or CSP violation', async () => {
      expect(findSecret(await page().content(), registry.password)).toBeNull();
      expect(findLeaks([app.dataDir, app.homeDir], registry.password)).toEqual([]);
      expect(await app.problems()).toEqual([]);
    });
  },
);

/** A growth in `docker images` units, as the comparison signs it (newer − older > 0). */
function grewBy(bytes: number): string {
  return `+${formatSize(bytes)}`;
}

/** A literal text inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until every bar of a finished push is full (their width eases in), so the screenshot reads right. */
async function barsFull(push: Locator): Promise<void> {
  await expect
    .poll(() =>
      push
        .locator('.bar > span')
        .evaluateAll((spans) =>
          spans.every(
            (span) =>
              Math.round(span.getBoundingClientRect().width) ===
              Math.round(span.parentElement!.getBoundingClientRect().width),
          ),
        ),
    )
    .toBe(true);
}
