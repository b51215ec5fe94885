import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { EventChannel, EventPayloads } from '../../../src/shared/api';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createAesGcmCrypto } from '../../../src/main/registry/aes-gcm-crypto';
import { randomBytes } from 'node:crypto';
import { buildBridgeScript, TRANSPORT_GLUE } from './build-bridge';
import { serveRenderer } from './serve-renderer';
import { ensureRendererBuilt, openChromiumPage, rendererDir } from './chromium-page';

export interface RunningApp {
  page: Page;
  services: MainServices;
  /** Saves a screenshot under test/e2e/artifacts/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Page errors, console errors and CSP violations seen so far; a test fails on any. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens the built renderer in Debian's Chromium with `window.api` wired to the real handler
 * table of `createMainServices`: every layer but Electron's own IPC is the real one.
 */
export async function launchApp(options: {
  env: Record<string, string | undefined>;
  retryDelaysMs?: number[];
  /** What the OS folder picker answers: the e2e stand-in for the native dialog a user clicks through. */
  pickFolder?: () => string | null;
  /** Reuse a data directory (history, settings) to prove what survives a restart. */
  dataDir?: string;
  stallMs?: number;
}): Promise<RunningApp> {
  ensureRendererBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dw-e2e-data-'));
  const server = await serveRenderer(rendererDir);
  const chromium = await openChromiumPage();
  const { browser, page } = chromium;

  let ready = false;
  const pending: [EventChannel, unknown][] = [];
  const deliver = (event: string, payload: unknown): void => {
    page
      .evaluate(
        ([name, json]) =>
          (globalThis as unknown as { __dwDeliver?: (e: string, j: string) => void }).__dwDeliver?.(
            name,
            json,
          ),
        [event, JSON.stringify(payload)] as const,
      )
      .catch(() => {
        // the page is navigating or closed; a reload asks for fresh state anyway
      });
  };
  const services = createMainServices({
    env: options.env,
    platform: process.platform,
    homeDir: dataDir,
    dataDir,
    emit: <E extends EventChannel>(event: E, payload: EventPayloads[E]) => {
      if (ready) deliver(event, payload);
      else pending.push([event, payload]);
    },
    openExternal: async () => {},
    secretCrypto: createAesGcmCrypto(randomBytes(32)),
    dialogs: {
      pickFolder: async () => options.pickFolder?.() ?? null,
      pickFile: async () => null,
      saveFile: async () => null,
    },
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.stallMs ? { stallMs: options.stallMs } : {}),
  });

  await page.exposeBinding('__dwInvoke', async (_source, channel: string, json: string) =>
    JSON.stringify(await services.dispatch(channel, JSON.parse(json))),
  );
  await page.addInitScript({ content: `${await buildBridgeScript()}\n${TRANSPORT_GLUE}` });
  await page.goto(server.url);
  ready = true;
  for (const [event, payload] of pending.splice(0)) deliver(event, payload);

  return {
    page,
    services,
    screenshot: chromium.screenshot,
    problems: chromium.problems,
    close: async () => {
      services.dispose();
      await browser.close();
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
