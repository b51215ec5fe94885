/**
 * The wizard as a beginner meets it on projects of the corpus (issue #19): each project folder
 * (copied out of test/fixtures/projects first) is walked through the real UI by its visible
 * labels at 1280×800, with a screenshot of every step (`wizard-<project>-<nn>-<step>.png`). Checks
 * what the issue found wrong: the banner names the stack, explanations render their Markdown
 * (`<code>`, no backticks), every field has a visible label, checkboxes sit by their labels, the
 * preview never runs out of its box, the Files step shows the Dockerfile once, the template's
 * cautions are shown, switching template asks and keeps what applies, an overwritten
 * .dockerignore keeps the user's lines, and the files are written 0644 (under umask 022).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const fixtures = resolve(import.meta.dirname, '../fixtures');

/** What the corpus says detection finds in a project (test/fixtures/project-expectations). */
interface Expectation {
  template: string;
  stack: string[];
  suggestions?: Record<string, string[]>;
  cautions?: string[];
}

const expectationOf = (project: string): Expectation =>
  JSON.parse(readFileSync(join(fixtures, 'project-expectations', `${project}.json`), 'utf8')) as Expectation;

/** Mode a new file gets from the process that writes it: 0644 under the usual umask 022. */
const newFileMode = 0o644 & ~process.umask();
const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('the wizard on corpus projects, by visible labels at 1280×800', () => {
  let app: RunningApp;
  const folders: string[] = [];

  /** A fresh copy of a corpus project: the wizard writes into it, never into the repository. */
  const copyOf = (project: string): string => {
    const folder = join(mkdtempSync(join(tmpdir(), 'dw-corpus-')), project);
    cpSync(join(fixtures, 'projects', project), folder, { recursive: true });
    folders.push(folder);
    return folder;
  };

  beforeAll(async () => {
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    for (const folder of folders) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  /** Opens the wizard afresh on `folder` and waits for what detection says. */
  const lookInside = async (folder: string): Promise<string> => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'New Dockerfile', exact: true }).click();
    await page.getByLabel('Project folder').fill(folder);
    await page.getByRole('button', { name: 'Look inside' }).click();
    await expect.poll(() => page.getByTestId('detection').textContent()).toMatch(/^(Looks like|No known)/);
    return (await page.getByTestId('detection').textContent()) ?? '';
  };

  /**
   * Walks from the Project step to the Files step, checking each step reads right and taking its
   * screenshot; `onStep` may change answers first. Returns the step ids seen.
   */
  const walk = async (project: string, onStep?: (step: string) => Promise<void>): Promise<string[]> => {
    const { page } = app;
    await expectReadable(page, `${project} project`);
    await app.screenshot(`wizard-${project}-00-project`);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const seen: string[] = [];
    for (let index = 1; index < 20; index++) {
      const current = page.getByTestId('wizard-step');
      if ((await current.count()) === 0) break;
      const step = (await current.getAttribute('data-step')) ?? '';
      seen.push(step);
      await onStep?.(step);
      await expectReadable(page, `${project} ${step}`);
      await app.screenshot(`wizard-${project}-${String(index).padStart(2, '0')}-${step}`);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await page.getByTestId('wizard-files').waitFor();
    return seen;
  };

  /** On the Files step: one Dockerfile shown, written as shown, both files mode 0644. */
  const writeFiles = async (project: string, folder: string, button = 'Write the files'): Promise<void> => {
    const { page } = app;
    expect(await page.getByTestId('wizard-preview').count(), 'a preview beside the Files step').toBe(0);
    expect(await page.getByTestId('wizard-file-dockerfile').count()).toBe(1);
    await expectReadable(page, `${project} files`);
    await page.getByRole('heading', { name: 'Your files' }).scrollIntoViewIfNeeded();
    await app.screenshot(`wizard-${project}-99-files`);
    const dockerfile = (await page.getByTestId('wizard-file-dockerfile').textContent()) ?? '';
    await page.getByRole('button', { name: button, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Wrote / })
      .waitFor();
    await page.getByTestId('run-check').scrollIntoViewIfNeeded();
    await app.screenshot(`wizard-${project}-99-files-written`);
    expect(readFileSync(join(folder, 'Dockerfile'), 'utf8')).toBe(dockerfile);
    expect(modeOf(join(folder, 'Dockerfile')).toString(8)).toBe(newFileMode.toString(8));
  };

  it('walks a Flask app: the banner, Markdown, labels, a suggestion, written 0644', async () => {
    const project = 'python-flask-requirements';
    const expected = expectationOf(project);
    const folder = copyOf(project);
    const { page } = app;
    expect(await lookInside(folder)).toMatch(
      new RegExp(`^Looks like ${escape(expected.stack.join(' · '))}\\. `),
    );
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/^Python/);
    let codeSeen = 0;
    const steps = await walk(project, async (step) => {
      codeSeen += await page.locator('[data-testid="wizard-step"] code').count();
      if (step === 'dependencies') {
        // The explanation's inline code is drawn as code, its backticks gone.
        expect(await page.locator('[data-testid="step-explanation"] code').count()).toBeGreaterThan(0);
      }
      if (step === 'env') {
        await page.getByRole('button', { name: 'Add a variable' }).click();
        await page.getByLabel('Variable 1 name').fill('APP_ENV');
        await page.getByLabel('Variable 1 value').fill('production');
        expect(await page.locator('.row-heads').first().isVisible()).toBe(true);
        await expect
          .poll(() => page.getByTestId('wizard-preview').textContent())
          .toContain('APP_ENV=production');
      }
      if (step === 'user') {
        expect(await page.getByLabel('Run as', { exact: true }).inputValue()).toBe('create');
        expect(await page.getByLabel('User name', { exact: true }).inputValue()).toBe('app');
        expect(await page.getByLabel('User ID (uid)', { exact: true }).inputValue()).toBe('10001');
        await page.getByLabel('Run as', { exact: true }).selectOption('existing');
        expect(await page.getByLabel('Existing user', { exact: true }).isVisible()).toBe(true);
        await expectReadable(page, 'flask user existing');
        await app.screenshot(`wizard-${project}-user-existing`);
        await page.getByLabel('Run as', { exact: true }).selectOption('create');
        await page.getByLabel('User ID (uid)', { exact: true }).waitFor();
      }
      const offered = expected.suggestions?.startCommand?.[0];
      if (step === 'start' && offered) {
        const group = page.getByRole('group', { name: 'Also fits' });
        await group.scrollIntoViewIfNeeded();
        await app.screenshot(`wizard-${project}-start-also-fits`);
        await group.getByRole('button', { name: offered, exact: true }).click();
        expect(await page.getByLabel('Start command', { exact: true }).inputValue()).toBe(offered);
        await expect
          .poll(() => page.getByTestId('wizard-preview').textContent())
          .toContain(`CMD ["${offered.split(' ')[0]}", `);
      }
    });
    expect(steps).toEqual(expect.arrayContaining(['base', 'env', 'user', 'dependencies', 'start']));
    expect(codeSeen, 'code elements over all steps').toBeGreaterThan(0);
    await writeFiles(project, folder);
    expect(modeOf(join(folder, '.dockerignore')).toString(8)).toBe(newFileMode.toString(8));
    expect(readFileSync(join(folder, 'Dockerfile'), 'utf8')).toContain('APP_ENV=production');
  }, 180_000);

  it('switches template only when asked: the chosen card keeps every answer, another asks and keeps what applies', async () => {
    const project = 'python-flask-requirements';
    const folder = copyOf(project);
    const { page } = app;
    await lookInside(folder);
    // A correction on a step of its own…
    await page
      .getByRole('list', { name: 'Wizard steps' })
      .getByRole('button', { name: 'Port', exact: true })
      .click();
    await page.getByLabel('Port', { exact: true }).fill('8081');
    await page
      .getByRole('list', { name: 'Wizard steps' })
      .getByRole('button', { name: 'Base image', exact: true })
      .click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByTestId('wizard-start').waitFor();
    // …survives a click on the card already chosen: nothing asked, nothing changed.
    await page.getByRole('button', { name: /^Python/, pressed: true }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId('wizard-preview').textContent()).toContain('EXPOSE 8081');

    // Another card asks first, naming what would be lost and what is kept; Cancel keeps all.
    await page.getByRole('button', { name: /^Node\.js/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch to Node.js?' });
    await dialog.waitFor();
    const question = (await dialog.textContent()) ?? '';
    expect(question).toMatch(/Your answers for .*framework.* do not apply to it and will be lost\./i);
    expect(question).toMatch(/Your answers for .*Port.* are kept\./);
    await app.screenshot(`wizard-${project}-switch-asks`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/^Python/);
    expect(await page.getByTestId('wizard-preview').textContent()).toContain('EXPOSE 8081');

    await page.getByRole('button', { name: /^Node\.js/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Switch to Node.js' }).click();
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/^Node\.js/);
    expect(await page.getByTestId('template-switched').textContent()).toMatch(/kept your answers for .*Port/);
    const preview = (await page.getByTestId('wizard-preview').textContent()) ?? '';
    expect(preview).toMatch(/^FROM node:/);
    expect(preview).toContain('EXPOSE 8081');
    await app.screenshot(`wizard-${project}-switched-to-node`);

    // Back to Python: what detection found comes back, with the port still the user's.
    await page.getByRole('button', { name: /^Python/ }).click();
    if ((await page.getByRole('dialog').count()) > 0)
      await page.getByRole('dialog').getByRole('button', { name: 'Switch to Python' }).click();
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/^Python/);
    const back = (await page.getByTestId('wizard-preview').textContent()) ?? '';
    expect(back).toMatch(/^FROM python:/);
    expect(back).toContain('EXPOSE 8081');
    expect(back).toMatch(/flask|gunicorn/);
  }, 120_000);

  it('shows a Poetry FastAPI app’s stack and its caution under the preview, as Markdown', async () => {
    const project = 'python-poetry-fastapi';
    const expected = expectationOf(project);
    const folder = copyOf(project);
    const { page } = app;
    expect(await lookInside(folder)).toMatch(/^Looks like Python · Poetry · FastAPI\. /);
    const warnings = page.getByLabel('Dockerfile preview').getByTestId('wizard-warnings');
    for (const caution of expected.cautions ?? []) {
      expect(await warnings.textContent()).toContain(caution.replaceAll('`', ''));
      if (caution.includes('`')) expect(await warnings.locator('code').count()).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('wizard-no-warnings').count()).toBe(0);
    await walk(project);
    // The Files step keeps the caution under its own Dockerfile.
    if (expected.cautions?.length)
      expect(await page.getByTestId('wizard-files').getByTestId('wizard-caution').count()).toBe(
        expected.cautions.length,
      );
    await writeFiles(project, folder);
  }, 180_000);

  it('walks a pnpm TypeScript app: the exact Node.js pin first, its major line offered beside it', async () => {
    const project = 'node-pnpm-nvmrc';
    const expected = expectationOf(project);
    const folder = copyOf(project);
    const { page } = app;
    expect(await lookInside(folder)).toMatch(
      new RegExp(`^Looks like ${escape(expected.stack.join(' · '))}\\. `),
    );
    const [exact, line] = expected.suggestions?.nodeVersion ?? [];
    expect(exact).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await page.getByTestId('wizard-preview').textContent()).toMatch(
      new RegExp(`^FROM node:${escape(exact!)}-`),
    );
    await walk(project, async (step) => {
      if (step !== 'base') return;
      const version = page.getByLabel('Node.js version', { exact: true });
      expect(await version.locator('option:checked').textContent()).toContain(exact);
      const offered = page.getByRole('group', { name: 'Also fits' });
      expect(await offered.getByRole('button').allTextContents()).toEqual([line]);
      await offered.getByRole('button', { name: line, exact: true }).click();
      await expect
        .poll(() => page.getByTestId('wizard-preview').textContent())
        .toMatch(new RegExp(`^FROM node:${escape(line!)}-`));
      // The exact pin is now the one offered, to go back to.
      await app.screenshot(`wizard-${project}-base-major-line`);
      await offered.getByRole('button', { name: exact, exact: true }).click();
      await expect
        .poll(() => page.getByTestId('wizard-preview').textContent())
        .toMatch(new RegExp(`^FROM node:${escape(exact!)}-`));
    });
    await writeFiles(project, folder);
  }, 180_000);

  it('walks a shell tool that calls curl and jq', async () => {
    const project = 'script-curl-jq';
    const expected = expectationOf(project);
    const folder = copyOf(project);
    const { page } = app;
    expect(await lookInside(folder)).toMatch(
      new RegExp(`^Looks like ${escape(expected.stack.join(' · '))}\\.`),
    );
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/^Shell script/);
    await walk(project);
    await writeFiles(project, folder);
    // The script itself is the user's: untouched, still executable.
    expect(modeOf(join(folder, 'latest-release.sh')) & 0o111).not.toBe(0);
  }, 180_000);

  it('keeps the user’s own .dockerignore lines when it overwrites one, as ticked', async () => {
    const project = 'python-flask-requirements';
    const folder = copyOf(project);
    const ignore = join(folder, '.dockerignore');
    writeFileSync(ignore, ['# mine', '.git', 'data/', 'secrets.json', ''].join('\n'));
    const { page } = app;
    await lookInside(folder);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    for (let step = 0; step < 20 && (await page.getByTestId('wizard-step').count()) > 0; step++)
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByTestId('wizard-files').waitFor();

    const kept = page.getByTestId('wizard-kept-lines');
    await kept.waitFor();
    expect(await kept.getByRole('checkbox', { name: 'data/' }).isChecked()).toBe(true);
    expect(await kept.getByRole('checkbox', { name: 'secrets.json' }).isChecked()).toBe(true);
    expect(await kept.getByRole('checkbox').count()).toBe(2);
    const diff = page
      .getByTestId('wizard-diff')
      .filter({ hasText: '.dockerignore' })
      .getByTestId('diff-view');
    expect(await diff.textContent()).toContain('# Kept from your .dockerignore');
    expect(await diff.locator('.diff-removed').filter({ hasText: 'secrets.json' }).count()).toBe(0);
    await kept.getByRole('checkbox', { name: 'secrets.json' }).uncheck();
    // The diff follows: the unticked line is now one that goes.
    await expect
      .poll(() => diff.locator('.diff-removed').filter({ hasText: 'secrets.json' }).count())
      .toBe(1);
    await kept.scrollIntoViewIfNeeded();
    await app.screenshot(`wizard-${project}-keep-ignore-lines`);
    await page.getByRole('button', { name: 'Overwrite .dockerignore', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Wrote / })
      .waitFor();
    const written = readFileSync(ignore, 'utf8');
    expect(written).toMatch(/\n# Kept from your \.dockerignore\ndata\/\n$/);
    expect(written).not.toContain('secrets.json');
    expect(modeOf(ignore).toString(8)).toBe(newFileMode.toString(8));
  }, 180_000);

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});

/** `text` as a regular expression matching itself. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What makes a step readable, checked in the page: no backtick of Markdown left in its text,
 * every field with a label a reader sees (its own, or column heads over rows named for screen
 * readers), each checkbox right beside its label, and the preview's lines inside their box.
 */
async function expectReadable(page: Page, where: string): Promise<void> {
  const problems = await page.locator('.wizard-main').evaluate((main) => {
    // Written without DOM type names: the e2e tsconfig has no DOM library.
    type Node = typeof main;
    const found: string[] = [];
    const visible = (element: Node | null | undefined): boolean =>
      !!element && (element as unknown as { offsetParent: unknown }).offsetParent !== null;
    const all = (selector: string): Node[] => [...main.ownerDocument.querySelectorAll(selector)] as Node[];
    for (const text of all('.wizard-main .explanation, .wizard-main .hint, .wizard-main .choice-detail'))
      if ((text.textContent ?? '').includes('`')) found.push(`backtick in "${text.textContent}"`);
    for (const field of all('.wizard-main input, .wizard-main select')) {
      if (!visible(field)) continue;
      const labels = [...((field as unknown as { labels: Iterable<Node> | null }).labels ?? [])].filter(
        (label) => visible(label) && (label.textContent ?? '').trim() !== '',
      );
      const heads = field.closest('.wizard-field')?.querySelector('.row-heads') as Node | null;
      const named = field.getAttribute('aria-label') !== null && visible(heads);
      if (labels.length === 0 && !named) found.push(`no visible label: ${field.outerHTML.slice(0, 120)}`);
    }
    for (const label of all('.wizard-main label.check')) {
      const box = label.querySelector('input[type="checkbox"]');
      if (!box || !visible(label)) continue;
      const range = main.ownerDocument.createRange();
      range.setStartAfter(box);
      range.setEnd(label, label.childNodes.length);
      const text = [...range.getClientRects()].find((rect) => rect.width > 0);
      const gap = text ? text.left - box.getBoundingClientRect().right : Infinity;
      if (gap < 0 || gap > 16) found.push(`checkbox ${gap}px from "${label.textContent}"`);
    }
    for (const pre of all('[data-testid="wizard-preview"], .file-preview'))
      if (pre.scrollWidth > pre.clientWidth)
        found.push(`a line runs out of ${pre.className || 'the preview'}`);
    return found;
  });
  expect(problems, where).toEqual([]);
}
