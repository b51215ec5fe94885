import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContainerEvent } from '../../src/shared/containers';
import { generateDockerfile } from '../../src/shared/wizard/generate-dockerfile';
import { generateDockerignore } from '../../src/shared/wizard/generate-dockerignore';
import { defaultAnswers } from '../../src/shared/wizard/wizard-templates';
import type { WizardAnswers } from '../../src/shared/wizard/wizard-answers';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { dockerCli } from '../support/docker-cli';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');

/** Builds what the wizard generated, runs it, and returns what the container printed and its exit code. */
async function buildAndRun(
  app: TestServices,
  answers: WizardAnswers,
  files: Record<string, string>,
  tag: string,
) {
  const dockerfile = generateDockerfile(answers, { commented: true });
  const dir = makeContext({
    ...files,
    Dockerfile: dockerfile,
    '.dockerignore': generateDockerignore(answers),
  });
  const record = await buildAndWait(app, buildRequest(dir, { tags: [tag], builder: 'auto' }));
  expect(record.status, `${dockerfile}\n---\n${record.log}`).toBe('succeeded');
  const { id } = await app.value('run:start', { image: tag, removeWhenStopped: false });
  await expect
    .poll(
      () =>
        app.events.some(
          (e) =>
            e.event === 'containers:event' &&
            (e.payload as { id: string; event: ContainerEvent }).id === id &&
            (e.payload as { event: ContainerEvent }).event.kind === 'state' &&
            (e.payload as { event: { state: string } }).event.state === 'exited',
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  const eventsOf = () =>
    app.events
      .filter((e) => e.event === 'containers:event' && (e.payload as { id: string }).id === id)
      .map((e) => (e.payload as { event: ContainerEvent }).event);
  const outputOf = () =>
    eventsOf()
      .flatMap((event) => (event.kind === 'output' ? [event.text] : []))
      .join('');
  // The exit can be heard before the attach stream's last bytes (seen on Docker 26.1 under load):
  // the output is complete once it holds what the engine logged.
  const logged = await dockerCli(rig.dockerHost, ['logs', id]);
  await expect.poll(outputOf, { timeout: 10_000 }).toBe(logged);
  const output = outputOf();
  const exit = eventsOf().find((event) => event.kind === 'state' && event.state === 'exited');
  const user = (await rigDocker(rig.dockerHost).getImage(tag).inspect()).Config.User;
  await app.value('containers:remove', { id });
  return { output, exitCode: exit?.kind === 'state' ? exit.exitCode : null, user };
}

describe('what the wizard generates builds and runs on a real engine', () => {
  let app: TestServices;
  beforeAll(async () => {
    if (rig.mode !== 'private') return;
    await ensurePythonStandIn(rigDocker(rig.dockerHost));
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  }, 600_000);
  afterAll(() => app?.dispose());

  it('a Python app with requirements.txt, started by CMD, as a non-root user', async (context) => {
    if (rig.mode !== 'private')
      context.skip(`needs the python:3.11-slim stand-in of the private engine: ${rig.limitation}`);
    const answers: WizardAnswers = {
      ...defaultAnswers('python'),
      pythonVersion: '3.11',
      framework: 'none',
      port: null,
    };
    const result = await buildAndRun(
      app,
      answers,
      {
        'app.py':
          'import flask, getpass\nprint("hello from the wizard, flask", flask.__name__, "as", getpass.getuser())\n',
        'requirements.txt': 'flask\n',
      },
      `${TEST_PREFIX}/wizard-python:1`,
    );
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('hello from the wizard, flask flask as app');
    expect(result.user).not.toBe('');
  });

  it("an OS image with packages from apt (installed inside the build from Debian's mirror)", async (context) => {
    if (rig.mode !== 'private')
      context.skip(`needs the stand-in Debian image of the private engine: ${rig.limitation}`);
    // The stand-in rootfs is Debian 12; tagged as what the template asks for.
    await rigDocker(rig.dockerHost).getImage('python:3.11-slim').tag({ repo: 'debian', tag: '12-slim' });
    const answers: WizardAnswers = {
      ...defaultAnswers('os'),
      distro: 'debian',
      systemPackages: ['hello'],
      startCommand: 'hello --greeting="hi from apt"',
    };
    const result = await buildAndRun(app, answers, {}, `${TEST_PREFIX}/wizard-os:1`);
    expect(result.exitCode).toBe(0);
    expect(result.output.trim()).toBe('hi from apt');
  }, 180_000);

  it('a ready-made service (redis) that prints its readiness and stops when asked', async (context) => {
    if (rig.mode !== 'private')
      context.skip(`needs a stand-in redis image of the private engine: ${rig.limitation}`);
    const docker = rigDocker(rig.dockerHost);
    await docker.getImage('python:3.11-slim').tag({ repo: 'debian', tag: '12-slim' });
    // Stand-in for the official image the template names: Debian's redis-server, the official
    // image's layout (/data owned by redis, redis-server as the command).
    const standIn = await buildAndWait(
      app,
      buildRequest(
        makeContext({
          Dockerfile: [
            'FROM debian:12-slim',
            'RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*',
            'RUN mkdir -p /data && chown redis:redis /data',
            'WORKDIR /data',
            'EXPOSE 6379',
            'CMD ["redis-server", "--protected-mode", "no"]',
            '',
          ].join('\n'),
        }),
        { tags: ['redis:7.4'], builder: 'classic' },
      ),
    );
    expect(standIn.status, standIn.log).toBe('succeeded');

    const answers: WizardAnswers = { ...defaultAnswers('service'), service: 'redis', variant: 'debian' };
    const dockerfile = generateDockerfile(answers, { commented: false });
    expect(dockerfile).toMatch(/^FROM redis:7\.4$/m);
    const tag = `${TEST_PREFIX}/wizard-redis:1`;
    const record = await buildAndWait(
      app,
      buildRequest(makeContext({ Dockerfile: dockerfile }), { tags: [tag] }),
    );
    expect(record.status, `${dockerfile}\n---\n${record.log}`).toBe('succeeded');
    const { id } = await app.value('run:start', { image: tag, removeWhenStopped: true });
    const output = () =>
      app.events
        .filter((e) => e.event === 'containers:event' && (e.payload as { id: string }).id === id)
        .flatMap((e) => {
          const event = (e.payload as { event: ContainerEvent }).event;
          return event.kind === 'output' ? [event.text] : [];
        })
        .join('');
    await expect.poll(output, { timeout: 20_000 }).toContain('Ready to accept connections');
    expect((await docker.getImage(tag).inspect()).Config.User).toBe('redis');
    await app.value('containers:stop', { id, timeoutSeconds: 5 });
    await expect.poll(output, { timeout: 10_000 }).toMatch(/ready to exit, bye bye|Received SIGTERM/i);
  }, 180_000);
});
