/**
 * "Open a shell at the last good step" (issue #18), main side: a build whose 4th step fails is
 * built again cut before that step; the debug image holds what step 3 made, with the failing
 * step's WORKDIR and ENV, and running the failing command in it reproduces the error.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDebugBuild } from '../../src/main/builds/debug-build';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import type { DebugBuild } from '../../src/shared/builds/debug-dockerfile';
import type { TerminalEvent } from '../../src/shared/terminal';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';

const rig = inject('rig');

/** The history as the handler table serves it. */
const historyOf = (app: TestServices) => ({
  get: async (id: string) => {
    const result = await app.call('history:get', { id });
    return result.ok ? result.value : null;
  },
});
const run = randomUUID().slice(0, 8);
const images: string[] = [];
const dirs: string[] = [];

describe.each<BuilderKind>(['classic', 'buildkit'])(
  'a debug build before the failing step (%s)',
  (builder) => {
    let app: TestServices;
    beforeAll(async () => {
      app = startServices({ DOCKER_HOST: rig.dockerHost });
      await app.settled();
    });
    afterAll(async () => {
      app?.dispose();
      for (const image of images) await dockerCli(rig.dockerHost, ['rmi', '-f', image]).catch(() => '');
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    /** Builds `dockerfile` (it fails), then its debug build cut before `line`, waited for. */
    const debugBefore = async (dockerfile: string, line: number) => {
      const context = makeContext({ Dockerfile: dockerfile });
      const debugDir = mkdtempSync(join(tmpdir(), 'dw-debug-'));
      dirs.push(context, debugDir);
      const failed = await buildAndWait(app, buildRequest(context, { builder }));
      expect(failed.status).toBe('failed');
      const started = await startDebugBuild(
        { history: historyOf(app), builds: app.services.builds, dir: debugDir },
        { buildId: failed.id, line, at: 'before' },
      );
      if (!started.ok) throw new Error(started.error.message);
      images.push(started.value.image);
      await app.services.builds.settled(started.value.build.id);
      return { failed, debug: started.value };
    };

    /** The debug image's shell container with a terminal attached, and what the terminal shows. */
    const openShell = async (debug: DebugBuild) => {
      const { containerId } = await app.value('debug:shell', {
        image: debug.image,
        pending: debug.pending,
        pendingCommand: debug.pendingCommand,
      });
      const { sessionId } = await app.value('terminal:attach', { containerId, cols: 120, rows: 30 });
      const events = () =>
        app.events
          .filter((e) => e.event === 'terminal:event')
          .map((e) => e.payload as { sessionId: string; event: TerminalEvent })
          .filter((message) => message.sessionId === sessionId)
          .map((message) => message.event);
      const output = () =>
        events()
          .map((event) => (event.kind === 'output' ? Buffer.from(event.data, 'base64').toString('utf8') : ''))
          .join('');
      return { containerId, sessionId, events, output };
    };

    const containerGone = (containerId: string) =>
      expect
        .poll(
          () =>
            dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `id=${containerId}`]).then((out) =>
              out.trim(),
            ),
          { timeout: 15_000 },
        )
        .toBe('');

    it('holds what the step before made, and the failing command fails the same way in it', async () => {
      const { failed, debug } = await debugBefore(
        [
          `FROM ${rig.baseImage}`,
          'ENV GREETING=hello',
          'WORKDIR /work',
          `RUN echo "three ${run}" > step3.txt`,
          'RUN cat /no-such-file && echo never',
          'RUN echo after',
          '',
        ].join('\n'),
        5,
      );
      expect(failed.error?.line).toBe(5);
      expect(debug).toMatchObject({
        line: 5,
        pending: 'RUN cat /no-such-file && echo never',
        pendingCommand: 'cat /no-such-file && echo never',
      });
      const record = await app.value('history:get', { id: debug.build.id });
      expect(record.status, record.log).toBe('succeeded');
      // Everything left came from the cache of the failed build.
      const made = record.steps.filter(
        (step) => !step.internal && /\b(RUN|WORKDIR)\b/.test(step.instruction),
      );
      expect(made.map((step) => step.instruction)).toHaveLength(2);
      expect(made.map((step) => step.status)).toEqual(['cached', 'cached']);

      const inside = (script: string) =>
        dockerCli(rig.dockerHost, ['run', '--rm', debug.image, 'sh', '-c', script]);
      expect((await inside('pwd; echo $GREETING; cat step3.txt')).trim().split('\n')).toEqual([
        '/work',
        'hello',
        `three ${run}`,
      ]);
      const reproduced = await inside(`${debug.pendingCommand}; echo "exit $?"`);
      expect(reproduced).toMatch(/exit 1$/m);
      expect(reproduced).not.toContain('never');
    });

    it('opens the shell in a container of the debug image: the step shown, not run, and pasting it fails as the build did', async () => {
      const { debug } = await debugBefore(
        [
          `FROM ${rig.baseImage}`,
          'WORKDIR /there',
          `RUN echo "${run}" > here.txt`,
          'RUN ls /missing-dir',
          '',
        ].join('\n'),
        4,
      );
      const shell = await openShell(debug);
      await expect.poll(shell.output, { timeout: 10_000 }).toContain('RUN ls /missing-dir');
      expect(shell.output()).toContain('it was not run');
      await app.value('terminal:input', { sessionId: shell.sessionId, data: 'pwd; cat here.txt\r' });
      await expect.poll(shell.output, { timeout: 10_000 }).toContain(run);
      expect(shell.output()).toContain('/there');
      await app.value('terminal:input', { sessionId: shell.sessionId, data: `${debug.pendingCommand}\r` });
      await expect.poll(shell.output, { timeout: 10_000 }).toMatch(/No such file or directory/);
      await app.value('terminal:input', { sessionId: shell.sessionId, data: 'exit\r' });
      await expect
        .poll(() => shell.events().some((event) => event.kind === 'exited'), { timeout: 10_000 })
        .toBe(true);
      // The container removes itself when the shell ends.
      await containerGone(shell.containerId);
    });

    it('ends the shell and its container when the terminal closes without exit', async () => {
      const { debug } = await debugBefore(
        `FROM ${rig.baseImage}\nRUN echo ${run}-close > /f\nRUN false\n`,
        3,
      );
      const shell = await openShell(debug);
      await app.value('terminal:close', { sessionId: shell.sessionId });
      await containerGone(shell.containerId);
    });

    it('refuses a line with no step, at that line', async () => {
      const context = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN false\n` });
      dirs.push(context);
      const failed = await buildAndWait(app, buildRequest(context, { builder }));
      const result = await startDebugBuild(
        {
          history: historyOf(app),
          builds: app.services.builds,
          dir: mkdtempSync(join(tmpdir(), 'dw-debug-')),
        },
        { buildId: failed.id, line: 1, at: 'before' },
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'VALIDATION', field: 'line', line: 1 });
    });
  },
);
