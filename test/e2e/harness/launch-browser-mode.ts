import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createBrowserServer, type BrowserServer } from '../../../src/main/browser/browser-server';
import { ensureRendererBuilt, openChromiumPage, rendererDir } from './chromium-page';

export interface RunningBrowserMode {
  server: BrowserServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The folder the picker starts in (a temp dir standing in for the user's home). */
  homeDir: string;
  /** The server's data folder (settings, history, saved logins). */
  dataDir: string;
  /** Saves a screenshot under test/e2e/artifacts/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Page errors, console errors and CSP violations seen so far; a test fails on any. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
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
  const homeDir = mkdtempSync(join(tmpdir(), 'dw-browser-home-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'dw-browser-data-'));
  const server = await createBrowserServer({
    rendererDir,
    env: options.env,
    homeDir,
    dataDir,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
  const chromium = await openChromiumPage();
  const { browser, context, page } = chromium;

  return {
    server,
    browser,
    context,
    page,
    homeDir,
    dataDir,
    screenshot: chromium.screenshot,
    problems: chromium.problems,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(homeDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
