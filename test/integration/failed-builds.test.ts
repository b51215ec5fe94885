/**
 * The build runner ends failed and cancelled builds the way the build page reads them (issue #14,
 * items 5 and 6), on both builders: the error explained in words from the failing step's whole
 * output lines, steps after the failure not run, a cancelled step cancelled — in the saved record.
 * The apt failure is real apt (Debian stand-in, `apt-get update` against Debian's mirror).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { APT_BASE_IMAGE, APT_DOCKERFILE, APT_FILES } from '../support/failed-build-scenarios';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');

describe.each<BuilderKind>(['classic', 'buildkit'])(
  'failed and cancelled builds with the %s builder',
  (builder) => {
    let app: TestServices;
    beforeAll(async () => {
      if (rig.mode === 'private') await ensurePythonStandIn(rigDocker(rig.dockerHost), APT_BASE_IMAGE);
      app = startServices({ DOCKER_HOST: rig.dockerHost });
      await app.settled();
    }, 600_000);
    afterAll(() => app.dispose());

    it(
      'records apt’s failure in words, its output in whole lines, and the steps after it as not run',
      {
        timeout: 180_000,
      },
      async (context) => {
        if (rig.mode !== 'private') {
          context.skip(`needs the Debian stand-in of the private engine: ${rig.limitation}`);
        }
        const dir = makeContext({ ...APT_FILES, Dockerfile: APT_DOCKERFILE });
        const record = await buildAndWait(app, buildRequest(dir, { builder, noCache: true }));
        expect(record.status, record.log).toBe('failed');
        expect(record.error).toMatchObject({
          line: 2,
          explanation: '`apt-get install` could not find the package `nosuchpackage` (exit code 100)',
        });
        const failed = record.steps.find((step) => step.status === 'error')!;
        expect(failed.line).toBe(2);
        // Real apt got as far as reading the lists apt-get update fetched.
        expect(record.stepLogs[failed.id]).toContain('Reading package lists...');
        expect(record.stepLogs[failed.id]).toContain('E: Unable to locate package nosuchpackage');
        expect(record.stepLogs[failed.id]).not.toContain('E');
        expect(record.steps.filter((step) => ['running', 'queued'].includes(step.status))).toEqual([]);
        // Classic never announces the steps after a failure; BuildKit lists them queued from the start.
        const notRun = record.steps
          .filter((step) => step.status === 'not-run')
          .map((step) => step.instruction);
        expect(notRun).toEqual(builder === 'buildkit' ? ['COPY app.txt /app/app.txt', 'WORKDIR /app'] : []);
      },
    );

    it('records a cancelled build’s running step as cancelled and the next as not run', async () => {
      const tag = `${TEST_PREFIX}/cancelled-steps:${builder}`;
      const dir = makeContext({
        Dockerfile: `FROM ${rig.baseImage}\nRUN echo started && sleep 30\nRUN echo after\n`,
      });
      const started = await app.value(
        'build:start',
        buildRequest(dir, { builder, tags: [tag], noCache: true }),
      );
      const runningStep = (payload: unknown): boolean => {
        const { id, event } = payload as {
          id: string;
          event: { step?: { status: string; instruction: string } };
        };
        return (
          id === started.id &&
          event.step?.status === 'running' &&
          event.step.instruction.startsWith('RUN echo started')
        );
      };
      await expect
        .poll(() => app.events.some((e) => e.event === 'build:event' && runningStep(e.payload)), {
          timeout: 20_000,
        })
        .toBe(true);
      await app.value('build:cancel', { id: started.id });
      await app.services.builds.settled(started.id);
      const record = await app.value('history:get', { id: started.id });
      expect(record.status).toBe('cancelled');
      const statusOf = (prefix: string) =>
        record.steps.find((step) => step.instruction.startsWith(prefix))?.status;
      expect(statusOf('RUN echo started')).toBe('cancelled');
      expect(statusOf('RUN echo after')).toBe(builder === 'buildkit' ? 'not-run' : undefined);
      expect(record.steps.filter((step) => ['running', 'queued'].includes(step.status))).toEqual([]);
    });
  },
);
