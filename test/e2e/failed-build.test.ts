/**
 * Failed and cancelled builds as a new user meets them (issue #14, items 5, 6 and the build-form
 * parts of 8), on both builders: the error in words with the engine's text below, steps the build
 * never reached shown as not run, a cancelled build that stays cancelled after a reload, the
 * syntax warning before building, the build form's field errors, and log search as you type.
 * The apt failure is real apt in the Debian stand-in, after a real `apt-get update`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { APT_BASE_IMAGE, APT_DOCKERFILE, APT_FILES } from '../support/failed-build-scenarios';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

/** The recorded apt failure's context: two instructions after the failing RUN on line 2. */
function aptContext(): string {
  return makeContext({ ...APT_FILES, Dockerfile: APT_DOCKERFILE });
}

/** The apt builds need the Debian stand-in, which only the private engine has. */
const hasDebian = rig.mode === 'private';

describe('failed and cancelled builds', () => {
  let app: RunningApp;
  let pick: string | null = null;

  beforeAll(async () => {
    if (hasDebian) await ensurePythonStandIn(rigDocker(rig.dockerHost), APT_BASE_IMAGE);
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => pick });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  const openForm = async (): Promise<void> => {
    const { page } = app;
    const folder = page.getByLabel('Context folder');
    // From another page the first click may land on the build last opened; the next one leaves it.
    for (let attempt = 0; attempt < 3 && !(await folder.isVisible()); attempt++) {
      await page.getByRole('button', { name: 'Build', exact: true }).first().click();
      await page.locator('[aria-label="Context folder"], [data-testid="build-view"]').first().waitFor();
    }
    await folder.waitFor();
  };
  const chooseFolder = async (folder: string): Promise<void> => {
    pick = folder;
    await app.page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => app.page.getByLabel('Context folder').inputValue()).toBe(folder);
  };
  const buildButton = () => app.page.getByRole('button', { name: 'Build', exact: true }).last();
  const startBuild = async (options: { builder?: string; tag?: string } = {}): Promise<void> => {
    const { page } = app;
    if (options.builder) await page.getByLabel('Builder').selectOption(options.builder);
    if (options.tag) await page.getByLabel('Tag 1').fill(options.tag);
    await page.getByLabel('Don’t use the cache').check();
    await buildButton().click();
    await page.getByTestId('build-view').waitFor();
  };
  const stepStatuses = async (): Promise<string[]> =>
    app.page
      .locator('[data-testid="step"]')
      .evaluateAll((items) =>
        items.map(
          (item) => `${item.querySelector('.step-name')?.textContent} → ${item.getAttribute('data-status')}`,
        ),
      );

  it('the form keeps Build off on a folder that does not exist, and drops stale errors for a good one', async () => {
    const { page } = app;
    await openForm();
    await page.getByLabel('Context folder').fill('/nonexistent-dw-e2e-folder');
    await page.locator('.field-error').first().waitFor();
    await expect.poll(() => buildButton().isDisabled()).toBe(true);
    await app.screenshot('80-failed-form-invalid-folder');

    // A relative path is refused by the engine side when Build is pressed.
    await page.getByLabel('Context folder').fill('relative-folder');
    await buildButton().click();
    await page.locator('.field-error, .error-text').first().waitFor();

    await chooseFolder(aptContext());
    await expect.poll(() => page.getByTestId('context-summary').textContent()).toMatch(/Sends \d+ files/);
    expect(await page.locator('.field-error, .error-text').count()).toBe(0);
    expect(await buildButton().isDisabled()).toBe(false);
  });

  it('BuildKit: says apt could not find the package, with the engine text below and the later steps not run', async (context) => {
    if (!hasDebian) context.skip(`needs the Debian stand-in of the private engine: ${rig.limitation}`);
    const { page } = app;
    await openForm();
    await chooseFolder(aptContext());
    await startBuild({ builder: 'buildkit' });
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    await expect
      .poll(() => page.getByTestId('build-error-headline').textContent())
      .toBe('Line 2: apt-get install could not find the package nosuchpackage (exit code 100)');
    // Each engine's BuildKit in its own words: 0.8 (dockerd 20.10) and 0.13 (Docker 26).
    expect(await page.getByTestId('build-error-raw').textContent()).toContain(
      rig.target === 'engine2'
        ? 'process "/bin/sh -c apt-get update && apt-get install -y nosuchpackage" did not complete successfully: exit code: 100'
        : 'executor failed running [/bin/sh -c apt-get update && apt-get install -y nosuchpackage]: exit code: 100',
    );
    // Whole lines: apt writes "E", ": " and "Unable …" separately.
    const printed = (await page.getByTestId('build-error-output').textContent())!.split('\n');
    expect(printed.slice(-2)).toEqual([
      'Building dependency tree...',
      'E: Unable to locate package nosuchpackage',
    ]);
    expect(printed).not.toContain('E');
    expect(await stepStatuses()).toEqual([
      // BuildKit 0.13 (engine 2) names the base image with its digest.
      expect.stringMatching(
        rig.target === 'engine2'
          ? /FROM .*python:3\.11-slim@sha256:[0-9a-f]{64} → (done|cached)$/
          : /FROM .*python:3\.11-slim → (done|cached)$/,
      ),
      expect.stringMatching(/RUN apt-get update && apt-get install -y nosuchpackage → error$/),
      expect.stringMatching(/COPY app.txt \/app\/app.txt → not-run$/),
      expect.stringMatching(/WORKDIR \/app → not-run$/),
    ]);
    expect(
      await page.locator('[data-testid="step"][data-status="not-run"] .step-status').allTextContents(),
    ).toEqual(['not run', 'not run']);
    expect(await page.getByTestId('build-progress').textContent()).toBe('2 of 4 steps ran');
    const panel = page.getByTestId('dockerfile-panel');
    expect(await panel.locator('[data-line="2"]').getAttribute('data-status')).toBe('error');
    expect(await panel.locator('[data-line="3"]').getAttribute('data-status')).toBe('not-run');
    expect(await panel.locator('[data-line="4"]').getAttribute('data-status')).toBe('not-run');
    await app.screenshot('81-failed-apt-buildkit');
  });

  it('classic builder: the same failure in the same words', async (context) => {
    if (!hasDebian) context.skip(`needs the Debian stand-in of the private engine: ${rig.limitation}`);
    const { page } = app;
    await openForm();
    await chooseFolder(aptContext());
    await startBuild({ builder: 'classic' });
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    await expect
      .poll(() => page.getByTestId('build-error-headline').textContent())
      .toBe('Line 2: apt-get install could not find the package nosuchpackage (exit code 100)');
    expect(await page.getByTestId('build-error-raw').textContent()).toContain(
      'returned a non-zero code: 100',
    );
    const printed = (await page.getByTestId('build-error-output').textContent())!.split('\n');
    expect(printed.slice(-2)).toEqual([
      'Building dependency tree...',
      'E: Unable to locate package nosuchpackage',
    ]);
    expect(printed.some((line) => /Running in|Removing intermediate/.test(line))).toBe(false);
    expect(await page.getByTestId('build-progress').textContent()).toBe('2 of 5 steps ran');
    expect(await page.locator('[data-testid="step"][data-status="error"]').count()).toBe(1);
    // The classic builder wraps stderr in colour codes: the raw log shows colours, never `[91m`.
    const rawLog = await page.getByTestId('raw-log').textContent();
    expect(rawLog).toContain('E: Unable to locate package nosuchpackage');
    expect(rawLog).not.toMatch(/\[(?:9\d|0)m/);
    await app.screenshot('82-failed-apt-classic');
  });

  it('warns of an unknown instruction before building, and the failed build suggests the right one', async () => {
    const { page } = app;
    await openForm();
    await chooseFolder(
      makeContext({
        Dockerfile: [`FROM ${rig.baseImage}`, 'RUN echo fine', 'RUNN echo typo', ''].join('\n'),
      }),
    );
    const warning = page.getByTestId('dockerfile-syntax-warning');
    await expect.poll(() => warning.textContent()).toMatch(/Line 3:.*RUNN.*did you mean RUN\?/);
    expect(await buildButton().isDisabled()).toBe(false);
    await app.screenshot('83-syntax-warning-before-build');
    await startBuild();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    await expect
      .poll(() => page.getByTestId('build-error-headline').textContent())
      .toBe('Line 3: RUNN is not a Dockerfile instruction — did you mean RUN?');
    expect(await page.getByTestId('dockerfile-error').textContent()).toBe(
      'RUNN is not a Dockerfile instruction — did you mean RUN?',
    );
    await app.screenshot('84-syntax-error-did-you-mean');
  });

  it('a cancelled build says cancelled on its step and line, also when reopened after a reload', async () => {
    const { page } = app;
    const tag = `${TEST_PREFIX}/e2e-cancelled:1`;
    await openForm();
    await chooseFolder(
      makeContext({
        Dockerfile: [`FROM ${rig.baseImage}`, 'RUN echo started && sleep 30', 'RUN echo after', ''].join(
          '\n',
        ),
      }),
    );
    await startBuild({ builder: 'buildkit', tag });
    await page.locator('[data-testid="step"][data-status="running"]').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel build' }).click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 30_000 })
      .toBe('Cancelled');
    const check = async (): Promise<void> => {
      await expect.poll(() => page.locator('[data-status="running"]').count()).toBe(0);
      expect(await stepStatuses()).toEqual([
        expect.stringMatching(/FROM .* → (done|cached)$/),
        expect.stringMatching(/RUN echo started && sleep 30 → cancelled$/),
        expect.stringMatching(/RUN echo after → not-run$/),
      ]);
      const panel = page.getByTestId('dockerfile-panel');
      expect(await panel.locator('[data-line="2"]').getAttribute('data-status')).toBe('cancelled');
      expect(await panel.locator('[data-line="2"] .badge').textContent()).toBe('cancelled');
    };
    await check();
    await app.screenshot('85-cancelled');

    await page.reload();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByTestId('history-row').first().waitFor();
    // Failed builds say why in their row, in the same words as their page.
    const reasons = await page.getByTestId('history-error').allTextContents();
    if (hasDebian) {
      expect(reasons).toContain(
        'Line 2: apt-get install could not find the package nosuchpackage (exit code 100)',
      );
    }
    expect(reasons).toContain('Line 3: RUNN is not a Dockerfile instruction — did you mean RUN?');
    await app.screenshot('88-history-failed-and-cancelled');
    await page.getByRole('button', { name: tag }).first().click();
    await expect.poll(() => page.getByTestId('build-status').textContent()).toBe('Cancelled');
    await check();
    await app.screenshot('86-cancelled-from-history');
  });

  it('log search shows the first match as it is typed, without Enter', async () => {
    const { page } = app;
    await openForm();
    await chooseFolder(
      makeContext({
        Dockerfile: [
          `FROM ${rig.baseImage}`,
          'RUN for i in $(seq 1 400); do echo "output line $i"; done',
          '',
        ].join('\n'),
      }),
    );
    await startBuild();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Built');
    // The log follows its tail, hundreds of lines below the first match.
    await page.getByLabel('Search the log').pressSequentially('output line 7');
    await expect
      .poll(() => page.locator('[data-testid="raw-log"] .current-match').textContent())
      .toMatch(/output line 7$/);
    expect(await page.getByTestId('log-matches').textContent()).toMatch(/^1 of \d+$/);
    await app.screenshot('87-log-search-as-typed');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
