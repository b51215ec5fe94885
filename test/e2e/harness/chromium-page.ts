import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = resolve(import.meta.dirname, '../../..');
/**
 * Where the built app is read from: `out/`, or `DW_OUT_DIR` so that a developer can run one e2e
 * file against their own build while another build of the tree sits in `out/`.
 */
const outDir = process.env['DW_OUT_DIR'] ? resolve(process.env['DW_OUT_DIR']) : join(root, 'out');
export const rendererDir = join(outDir, 'renderer');
/** Screenshots of the run against the second engine go to their own folder, so both runs keep theirs. */
export const artifactsDir = join(
  root,
  'test/e2e/artifacts',
  process.env['DW_TEST_TARGET'] === 'engine2' ? 'engine2' : '',
);

/** The flags DESIGN.md lists: headless Chromium as root, quiet on a machine with no internet. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Records CSP violations in the page, from before its first script runs. */
const VIOLATION_RECORDER = `
  window.__dwViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__dwViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

/** A Chromium page that records everything a test must fail on. */
export interface ChromiumPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot under test/e2e/artifacts/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Page errors, console errors and CSP violations seen so far; a test fails on any. */
  problems(): Promise<string[]>;
}

/** Builds the renderer once when a test runs without `npm test` (which builds it first). */
export function ensureRendererBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir], { cwd: root, stdio: 'ignore' });
}

/** Debian's Chromium, headless, with page errors, console errors and CSP violations recorded. */
export async function openChromiumPage(): Promise<ChromiumPage> {
  mkdirSync(artifactsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript({ content: VIOLATION_RECORDER });
  return {
    browser,
    context,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
    },
    problems: async () => {
      const violations = await page
        .evaluate(() => (globalThis as unknown as { __dwViolations?: string[] }).__dwViolations ?? [])
        .catch(() => []);
      return [...problems, ...violations.map((violation) => `CSP violation: ${violation}`)];
    },
  };
}
