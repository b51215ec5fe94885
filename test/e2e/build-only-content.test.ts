/**
 * Issue #20, the multi-stage suggestion as a user walks it in browser mode: a Go project whose
 * Dockerfile ships a (fake, busybox-linked) Go toolchain in /usr/local/go on the busybox base;
 * Images → "Layers of …" → the Build-only content tab: the item with its bytes and line, the
 * chart, the suggestion, and "Show multi-stage Dockerfile" (the wizard's Go Dockerfile as a diff).
 * Then "Try it" on a Go server built single-stage on stand-ins (test/support/go-stand-ins.ts):
 * its progress, and the result (size before → after, the app answers HTTP).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { startServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { ensureGoStandIns, GO_SERVER_FILES, singleStageGoDockerfile } from '../support/go-stand-ins';
import { rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');
const run = randomUUID().slice(0, 8);
const tag = `${TEST_PREFIX}/build-only-e2e:${run}`;

describe('the Build-only content of an image, in browser mode', () => {
  let app: RunningBrowserMode;
  let afterAllContext: string | null = null;
  const dockerfile = [
    `FROM ${rig.baseImage}`, // 1
    'COPY go /usr/local/go', // 2
    'RUN mkdir -p /usr/local/go/bin && ln -s /bin/busybox /usr/local/go/bin/go', // 3
    'WORKDIR /src', // 4
    'COPY go.mod main.go ./', // 5
    `LABEL ${TEST_LABEL}=${run}`, // 6
    '',
  ].join('\n');

  beforeAll(async () => {
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    // Built into the history the page's server reads, so lines and the project folder are known.
    const builder = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, app.dataDir);
    await builder.settled();
    const context = makeContext({
      Dockerfile: dockerfile,
      'go.mod': 'module example.com/hello\n\ngo 1.22\n',
      'main.go':
        'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      'go/VERSION': 'go1.22.5\n',
      'go/pkg/tool/linux_amd64/compile': 'c'.repeat(3_000_000),
      'go/pkg/tool/linux_amd64/link': 'l'.repeat(2_000_000),
    });
    const record = await buildAndWait(
      builder,
      buildRequest(context, { tags: [tag], labels: { [TEST_LABEL]: run } }),
    );
    builder.services.dispose();
    expect(record.status, record.log).toBe('succeeded');
    await app.page.goto(app.server.issueLink());
    // The context stays until the page has read it (the wizard looks at the project folder).
    afterAllContext = context;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    if (afterAllContext) rmSync(afterAllContext, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('lists the toolchain with its bytes and line, suggests a multi-stage build and shows the diff', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Layers of ${tag}` }).click();
    await page.getByRole('tab', { name: 'Build-only content' }).click();
    const table = page.getByTestId('build-only-table');
    await table.waitFor({ timeout: 120_000 });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['/usr/local/goGo toolchain (toolchain)5MBline 2']);
    await page.getByTestId('build-only-chart').locator('.recharts-bar-rectangle').first().waitFor();
    const suggestion = (await page.getByTestId('build-only-suggestion').textContent()) ?? '';
    expect(suggestion).toMatch(/^Build-only content stays in the final image: 5MB \(\d+% of its files\)\. /);
    expect(suggestion).toContain('Line 2 brought the Go toolchain (5MB).');
    expect(suggestion).toContain('A multi-stage build would leave it in a build stage');
    await app.screenshot('130-build-only-items');

    const offer = page.getByTestId('build-only-offer');
    expect(await offer.textContent()).toContain('it passes when a server answers on port 8080 within 30 s');
    await offer.getByRole('button', { name: 'Show multi-stage Dockerfile' }).click();
    const diff = page.getByTestId('build-only-diff');
    await diff.waitFor();
    const added = await diff.locator('.diff-added').allTextContents();
    expect(added).toContain('+ FROM golang:1.22-alpine AS build');
    expect(added).toContain('+ FROM alpine:3.20');
    expect(await diff.locator('.diff-removed').allTextContents()).toContain('- COPY go /usr/local/go');
    await expect.poll(() => offer.getByRole('button', { name: 'Try it' }).isEnabled()).toBe(true);
    await diff.scrollIntoViewIfNeeded();
    await app.screenshot('131-build-only-multi-stage-diff');
  });
});

describe.skipIf(rig.mode !== 'private')('Try it on a Go server, in browser mode', () => {
  let app: RunningBrowserMode;
  const trialRun = randomUUID().slice(0, 8);
  const goTag = `${TEST_PREFIX}/build-only-e2e-go:${trialRun}`;
  let context: string | null = null;

  beforeAll(async () => {
    await ensureGoStandIns(rigDocker(rig.dockerHost), rig.dockerHost, rig.baseImage);
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    const builder = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, app.dataDir);
    await builder.settled();
    context = makeContext({
      ...GO_SERVER_FILES,
      Dockerfile: singleStageGoDockerfile(`${TEST_LABEL}=${trialRun}`),
    });
    const record = await buildAndWait(
      builder,
      buildRequest(context, { tags: [goTag], labels: { [TEST_LABEL]: trialRun } }),
    );
    builder.services.dispose();
    expect(record.status, record.log).toBe('succeeded');
    await app.page.goto(app.server.issueLink());
  }, 900_000);
  afterAll(async () => {
    await app?.close();
    if (context) rmSync(context, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, trialRun);
  });

  it('builds the multi-stage Dockerfile, shows the progress, and the smaller image that still answers', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Layers of ${goTag}` }).click();
    await page.getByRole('tab', { name: 'Build-only content' }).click();
    const offer = page.getByTestId('build-only-offer');
    await offer.waitFor({ timeout: 180_000 });
    await offer.getByRole('button', { name: 'Try it' }).click();
    const progress = page.getByTestId('build-only-trial-progress');
    await progress.waitFor();
    expect(await offer.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    await app.screenshot('132-build-only-try-it-progress');
    const result = page.getByTestId('build-only-trial-result');
    await result.waitFor({ timeout: 600_000 }).catch(async (error: unknown) => {
      await app.screenshot('93-build-only-try-it-no-result');
      throw error;
    });
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(
      /^\S+ → \S+ \(−\d+%\); the app still starts: Answered HTTP 200 at http:\/\/localhost:\d+\//,
    );
    expect(text).toContain('The new image was removed; its build stays in the history.');
    await result.scrollIntoViewIfNeeded();
    await app.screenshot('133-build-only-try-it-result');
  }, 700_000);
});
