/**
 * Issue #20, build-only content (the multi-stage suggestion), on the rig engine through the real
 * handler table (and on the second engine with DW_TEST_TARGET=engine2). Two images:
 * - the Debian bookworm stand-in (test/support/stand-in-images.ts) with `apt-get install gcc make`
 *   in the final stage, against the machine's Debian mirror: the recognised packages must be what
 *   `dpkg-query` inside a container of the image says for those names (version and Installed-Size),
 *   and the ones installed here must name line 3;
 * - a Go-toolchain stand-in on the busybox base: a fake /usr/local/go tree whose bin/go is busybox,
 *   a Go module cache under /root/go/pkg/mod, an app with a .git folder and a node_modules holding
 *   a devDependency and a dependency: bytes per folder must be what `find … -exec stat` counts in a
 *   container of the image, each with the line that wrote it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuildOnlyAnswer, MultiStageEvent } from '../../src/shared/layers/build-only-content-offer';
import { packageRule } from '../../src/shared/layers/build-only-content-rules';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli, removeImagesLabelled } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { ensureGoStandIns, GO_SERVER_FILES, singleStageGoDockerfile } from '../support/go-stand-ins';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const run = randomUUID().slice(0, 8);

/** Runs `script` with sh in a throwaway container of `image` and returns what it printed. */
async function inImage(image: string, script: string): Promise<string> {
  return dockerCli(rig.dockerHost, [
    'run',
    '--rm',
    '--label',
    `${TEST_LABEL}=${run}`,
    '--entrypoint',
    'sh',
    image,
    '-c',
    script,
  ]);
}

/** Sum of the sizes of the regular files under `path` in a container of `image`. */
async function bytesUnder(image: string, path: string): Promise<number> {
  const out = await inImage(image, `find ${path} -type f -exec stat -c %s {} \\;`);
  return out
    .split('\n')
    .filter(Boolean)
    .reduce((total, size) => total + Number(size), 0);
}

describe('build-only content, read from the image’s layers', () => {
  let app: TestServices;

  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });

  afterAll(async () => {
    app?.dispose();
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  describe.skipIf(rig.mode !== 'private')('gcc and make installed with apt in the final stage', () => {
    const tag = `${TEST_PREFIX}/build-only-gcc:${run}`;
    const DOCKERFILE = [
      'FROM python:3.11-slim', // 1
      `LABEL ${TEST_LABEL}=${run}`, // 2
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*', // 3
      'CMD ["python3"]', // 4
      '',
    ].join('\n');
    let answer: BuildOnlyAnswer;

    beforeAll(async () => {
      await ensurePythonStandIn(docker);
      const record = await buildAndWait(
        app,
        buildRequest(makeContext({ Dockerfile: DOCKERFILE }), { tags: [tag], labels: { [TEST_LABEL]: run } }),
      );
      expect(record.status, record.log).toBe('succeeded');
      answer = await app.value('layers:build-only', { ref: tag });
    }, 600_000);

    it('recognises exactly the build-only packages dpkg-query lists, with their versions and sizes', async () => {
      const out = await inImage(tag, "dpkg-query -W -f '${Package}\\t${Version}\\t${Installed-Size}\\n'");
      const installed = new Map(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [name, version, kib] = line.split('\t') as [string, string, string];
            return [name, { version, kib: Number(kib) }] as const;
          }),
      );
      const expected = [...installed.keys()].filter((name) => packageRule(name) !== null).sort();
      const found = answer.report.items.filter((item) => item.key.startsWith('deb:'));
      expect(found.map((item) => item.name).sort()).toEqual(expected);
      for (const name of ['gcc', 'gcc-12', 'cpp-12', 'make', 'binutils'])
        expect(expected, name).toContain(name);
      for (const item of found) {
        const truth = installed.get(item.name)!;
        expect([item.name, item.version, item.bytes]).toEqual([item.name, truth.version, truth.kib * 1024]);
      }
    });

    it('names line 3 for every package it installed, and says so in the suggestion', async () => {
      const base = await dockerCli(rig.dockerHost, [
        'run',
        '--rm',
        '--entrypoint',
        'dpkg-query',
        'python:3.11-slim',
        '-W',
        '-f',
        '${Package}\\n',
      ]);
      const inBase = new Set(base.split('\n').filter(Boolean));
      for (const item of answer.report.items.filter((entry) => entry.key.startsWith('deb:'))) {
        const line = inBase.has(item.name) ? null : 3;
        expect([item.name, item.places.map((place) => place.line)]).toEqual([item.name, [line]]);
      }
      const fromLine3 = answer.report.sources.find((source) => source.place.line === 3)!;
      expect(fromLine3.place.lineText).toBe(DOCKERFILE.split('\n')[2]);
      expect(answer.report.worthSplitting).toBe(true);
      expect(answer.report.suggestion).toMatch(
        /^Build-only content stays in the final image: .*\. Line 3 brought gcc/,
      );
      // No project files in the context: the wizard has nothing to rewrite.
      expect(answer.offer).toBeNull();
      expect(answer.offerNote).toMatch(/^The wizard does not recognise the project/);
    });
  });

  /**
   * "Try it" on a stack the offline machine can build: Go 1.19 from Debian's golang-go (apt against
   * the machine's mirror) stands in for `golang:1.19-alpine`, and the busybox base with /etc/passwd,
   * /etc/group and tiny addgroup/adduser scripts stands in for `alpine:3.20` (the names the wizard's
   * Go template asks for). The image as built keeps the toolchain; the trial must build the
   * wizard's multi-stage Dockerfile, pass Run & check (HTTP on 8080), and be smaller.
   */
  describe.skipIf(rig.mode !== 'private')(
    'Try it: the wizard’s multi-stage Dockerfile for a Go server',
    () => {
      const tag = `${TEST_PREFIX}/build-only-go-app:${run}`;
      const APP: Record<string, string> = {
        ...GO_SERVER_FILES,
        Dockerfile: singleStageGoDockerfile(`${TEST_LABEL}=${run}`),
      };
      let answer: BuildOnlyAnswer;
      let buildId: string;

      beforeAll(async () => {
        await ensureGoStandIns(docker, rig.dockerHost, rig.baseImage);
        const record = await buildAndWait(
          app,
          buildRequest(makeContext(APP), { tags: [tag], labels: { [TEST_LABEL]: run } }),
        );
        expect(record.status, record.log).toBe('succeeded');
        buildId = record.id;
        answer = await app.value('layers:build-only', { ref: tag });
      }, 900_000);

      it('offers the wizard’s Go Dockerfile against the one as built', () => {
        expect(answer.report.worthSplitting).toBe(true);
        expect(answer.report.items.some((item) => item.name === 'golang-1.19-go')).toBe(true);
        const cache = answer.report.items.find((item) => item.key === 'path:root/.cache/go-build');
        expect(cache?.places.map((place) => place.line)).toEqual([4]);
        expect(answer.offerNote).toBeNull();
        expect(answer.offer).toMatchObject({
          buildId,
          template: 'go',
          currentText: APP.Dockerfile,
          checkText: 'a server answers on port 8080 within 30 s',
        });
        expect(answer.offer!.proposedText).toMatch(/^FROM golang:1\.19-alpine AS build$/m);
        expect(answer.offer!.proposedText).toMatch(/^FROM alpine:3\.20$/m);
      });

      it('builds it, checks the app still answers, reports the smaller size and removes the new image', async () => {
        const { id } = await app.value('layers:try-multi-stage', { buildId });
        let events: MultiStageEvent[] = [];
        await expect
          .poll(
            () => {
              events = app.events
                .filter((event) => event.event === 'multi-stage:event')
                .map((event) => event.payload as { id: string; event: MultiStageEvent })
                .filter((payload) => payload.id === id)
                .map((payload) => payload.event);
              return events.at(-1)?.kind ?? 'none';
            },
            { timeout: 600_000, interval: 200 },
          )
          .not.toMatch(/^(none|step)$/);
        const last = events.at(-1)!;
        expect(last, JSON.stringify(last)).toMatchObject({ kind: 'done' });
        if (last.kind !== 'done') return;
        expect(events.flatMap((event) => (event.kind === 'step' ? [event.step] : []))).toEqual([
          'prepare',
          'build',
          'check',
          'compare',
        ]);
        const { trial } = last;
        expect(trial.check).toMatchObject({ passed: true });
        expect(trial.check.summary).toMatch(/^Answered HTTP 200 at /);
        const before = (await docker.getImage(tag).inspect()).Size;
        expect(trial.before.bytes).toBe(before);
        expect(trial.after.bytes).toBeLessThan(before / 10);
        expect(trial.after.buildOnlyBytes).toBe(0);
        expect(trial.summary).toMatch(/ → .*; the app still starts: Answered HTTP 200/);
        const gone = await docker
          .getImage(trial.after.imageId)
          .inspect()
          .then(
            () => false,
            () => true,
          );
        expect(gone).toBe(true);
        const trialBuild = await app.value('history:get', { id: trial.after.buildId });
        expect(trialBuild.status).toBe('succeeded');
      }, 700_000);
    },
  );

  describe('a Go toolchain, a module cache, .git and a devDependency on the busybox base', () => {
    const tag = `${TEST_PREFIX}/build-only-go:${run}`;
    const DOCKERFILE = [
      `FROM ${rig.baseImage}`, // 1
      'COPY go /usr/local/go', // 2
      'RUN mkdir -p /usr/local/go/bin && ln -s /bin/busybox /usr/local/go/bin/go', // 3
      'COPY gomod /root/go/pkg/mod', // 4
      'COPY app /app', // 5
      `LABEL ${TEST_LABEL}=${run}`, // 6
      '',
    ].join('\n');
    const FILES: Record<string, string> = {
      'go/VERSION': 'go1.22.5\n',
      'go/src/runtime/proc.go': '// runtime\n'.repeat(20_000),
      'go/pkg/tool/linux_amd64/compile': 'c'.repeat(300_000),
      'go/pkg/tool/linux_amd64/link': 'l'.repeat(200_000),
      'gomod/cache/download/github.com/x/y/@v/v1.0.0.zip': 'z'.repeat(120_000),
      'gomod/github.com/x/y@v1.0.0/y.go': 'package y\n'.repeat(5_000),
      'gomod/github.com/x/y@v1.0.0/.git/HEAD': 'ref: refs/heads/main\n',
      'app/server': 's'.repeat(50_000),
      'app/.git/HEAD': 'ref: refs/heads/main\n',
      'app/.git/objects/pack/p.pack': 'p'.repeat(80_000),
      'app/package.json': JSON.stringify({
        name: 'app',
        version: '1.0.0',
        dependencies: { 'left-pad': '1' },
        devDependencies: { typescript: '5' },
      }),
      'app/node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '5.4.5' }),
      'app/node_modules/typescript/lib/tsc.js': '// tsc\n'.repeat(30_000),
      'app/node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
      'app/node_modules/left-pad/index.js': 'module.exports = 1;\n'.repeat(100),
    };
    let answer: BuildOnlyAnswer;

    beforeAll(async () => {
      const record = await buildAndWait(
        app,
        buildRequest(makeContext({ Dockerfile: DOCKERFILE, ...FILES }), {
          tags: [tag],
          labels: { [TEST_LABEL]: run },
        }),
      );
      expect(record.status, record.log).toBe('succeeded');
      answer = await app.value('layers:build-only', { ref: tag });
    }, 300_000);

    it('counts each folder rule with the bytes find counts in the image, and the line that wrote it', async () => {
      const byKey = new Map(answer.report.items.map((item) => [item.key, item]));
      const cases: [key: string, path: string, line: number][] = [
        ['path:usr/local/go', '/usr/local/go', 2],
        ['path:root/go/pkg/mod', '/root/go/pkg/mod', 4],
        ['path:app/.git', '/app/.git', 5],
        ['npm:app/node_modules/typescript', '/app/node_modules/typescript', 5],
      ];
      for (const [key, path, line] of cases) {
        const item = byKey.get(key);
        expect(item, key).toBeDefined();
        expect([key, item!.bytes, item!.places.map((place) => place.line)]).toEqual([
          key,
          await bytesUnder(tag, path),
          [line],
        ]);
      }
      expect(byKey.get('path:usr/local/go')!.what).toBe('Go toolchain');
      // The module's own .git is module cache (outermost folder wins); left-pad is a dependency.
      expect([...byKey.keys()].sort()).toEqual(cases.map(([key]) => key).sort());
      expect(answer.report.totalBytes).toBe(answer.report.items.reduce((sum, item) => sum + item.bytes, 0));
    });

    it('names the lines in the suggestion', () => {
      expect(answer.report.suggestion).toMatch(/Line 2 brought the Go toolchain \(\d[\d.]*kB\)/);
    });
  });
});
