import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBrowserServer, type BrowserServer } from '../../../src/main/browser/browser-server';

const root = resolve(import.meta.dirname, '../../..');
const rendererDir = join(root, 'out/renderer');
const artifactsDir = join(root, 'test/e2e/artifacts');

/** The flags of launch-app.ts: headless Chromium as root, quiet on a machine with no internet. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Records CSP violations only: unlike the e2e bridge, nothing else is injected, so the page builds
 * `window.api` itself over the real WebSocket exactly as in a user's browser.
 */
const VIOLATION_RECORDER = `
  window.__dwViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__dwViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

export interface RunningBrowserMode {
  server: BrowserServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The folder the picker starts in (a temp dir standing in for the user's home). */
  homeDir: string;
  /** Saves a screenshot under test/e2e/artifacts/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Page errors, console errors and CSP violations seen so far; a test fails on any. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

function ensureRendererBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
}

/**
 * Starts browser mode's real server in this process (real guard, real WebSocket, real handler
 * table) and a Chromium page with nothing injected but a CSP violation recorder; the test opens
 * the sign-in link itself.
 */
export async function launchBrowserMode(options: {
  env: Record<string, string | undefined>;
  retryDelaysMs?: number[];
}): Promise<RunningBrowserMode> {
  ensureRendererBuilt();
  mkdirSync(artifactsDir, { recursive: true });
  const homeDir = mkdtempSync(join(tmpdir(), 'dw-browser-home-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'dw-browser-data-'));
  const server = await createBrowserServer({
    rendererDir,
    env: options.env,
    homeDir,
    dataDir,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
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
    server,
    browser,
    context,
    page,
    homeDir,
    screenshot: async (name) => {
      await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
    },
    problems: async () => {
      const violations = await page
        .evaluate(() => (globalThis as unknown as { __dwViolations?: string[] }).__dwViolations ?? [])
        .catch(() => []);
      return [...problems, ...violations.map((v) => `CSP violation: ${v}`)];
    },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(homeDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
