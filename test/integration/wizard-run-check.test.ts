/**
 * "Run & check" (issue #19) on a real engine: servers that answer HTTP or only TCP, scripts that
 * exit 0 or not, a process that stays up, a container removed mid-check, and wizard-made Python
 * images — one that works, one whose start program was never installed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDockerfile } from '../../src/shared/wizard/generate-dockerfile';
import { generateDockerignore } from '../../src/shared/wizard/generate-dockerignore';
import { likelyCause } from '../../src/shared/wizard/likely-cause';
import { planRunCheck, type RunCheckPlan } from '../../src/shared/wizard/run-check';
import type { WizardAnswers } from '../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../src/shared/wizard/wizard-templates';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

describe('Run & check on a real engine', () => {
  let app: TestServices;
  const made: string[] = [];

  /** A busybox image whose CMD is `command` (run by sh -c), tagged for this test. */
  async function busyboxWith(
    name: string,
    command: string,
    files: Record<string, string> = {},
  ): Promise<string> {
    const tag = `${TEST_PREFIX}/run-check-${name}:1`;
    await buildTestImage(rigDocker(rig.dockerHost), tag, {
      ...files,
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'COPY . /srv/',
        `CMD ["sh", "-c", ${JSON.stringify(command)}]`,
        '',
      ].join('\n'),
    });
    made.push(tag);
    return tag;
  }

  async function check(image: string, plan: RunCheckPlan) {
    return app.value('wizard:run-check', { image, name: null, plan });
  }

  async function containerGone(id: string): Promise<boolean> {
    return rigDocker(rig.dockerHost)
      .getContainer(id)
      .inspect()
      .then(
        () => false,
        (error: { statusCode?: number }) => error.statusCode === 404,
      );
  }

  beforeAll(async () => {
    if (rig.mode !== 'private') return;
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  }, 600_000);

  afterAll(async () => {
    app?.dispose();
    for (const tag of made.reverse())
      await rigDocker(rig.dockerHost)
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('passes a server that answers HTTP on its port, and leaves it running where the URL says', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    const image = await busyboxWith('httpd', 'httpd -f -p 8080 -h /srv', { 'index.html': 'checked\n' });
    const result = await check(image, { kind: 'port', port: 8080, seconds: 20 });
    expect(result).toMatchObject({ passed: true, kept: true, stopped: false });
    expect(result.summary).toMatch(/^Answered HTTP 200 at http:\/\/localhost:\d+\/$/);
    const port = Number(/:(\d+)\//.exec(result.url ?? '')?.[1]);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('checked\n');
    await app.value('containers:remove', { id: result.containerId });
  });

  it('passes a listener that speaks no HTTP as TCP, after HTTP had its chance', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    // Each connection gets a banner and is closed: not HTTP, but something listens.
    const image = await busyboxWith('tcp', 'while true; do echo banner | nc -l -p 9000; done');
    const result = await check(image, { kind: 'port', port: 9000, seconds: 20 });
    expect(result.passed, result.summary).toBe(true);
    expect(result.summary).toMatch(/^Accepts connections on port 9000 .*does not answer HTTP\.$/);
    expect(result.url).toBeNull();
    await app.value('containers:remove', { id: result.containerId });
  });

  it('fails a server that never listens, with its output, and removes the container', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    const image = await busyboxWith('silent', 'echo "Serving on 0.0.0.0 port 8081"; sleep 600');
    const result = await check(image, { kind: 'port', port: 8080, seconds: 3 });
    expect(result).toMatchObject({ passed: false, kept: false, exitCode: null });
    expect(result.summary).toBe(
      'Nothing answered on port 8080 within 3 s, though the container kept running.',
    );
    expect(result.log).toContain('Serving on 0.0.0.0 port 8081');
    expect(await containerGone(result.containerId)).toBe(true);
    const plan: RunCheckPlan = { kind: 'port', port: 8080, seconds: 3 };
    expect(likelyCause(defaultAnswers('custom'), { log: result.log, plan, exitCode: null })).toContain(
      'listens on port 8081, but the image says 8080',
    );
  });

  it('passes a script that exits 0 and fails one that exits 3, with their output', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    const good = await check(await busyboxWith('exit0', 'echo all good'), { kind: 'exits', seconds: 20 });
    expect(good).toMatchObject({ passed: true, exitCode: 0, kept: false, log: 'all good\n' });
    expect(good.summary).toBe('It ran and ended with exit code 0.');
    expect(await containerGone(good.containerId)).toBe(true);
    const bad = await check(await busyboxWith('exit3', 'echo "no input given" >&2; exit 3'), {
      kind: 'exits',
      seconds: 20,
    });
    expect(bad).toMatchObject({ passed: false, exitCode: 3, kept: false, log: 'no input given\n' });
    expect(bad.summary).toBe('It ended with exit code 3.');
  });

  it('passes a process that stays up, and fails one that stops before the time is over', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    const up = await check(await busyboxWith('sleeper', 'sleep 600'), { kind: 'stays-up', seconds: 2 });
    expect(up).toMatchObject({ passed: true, kept: true, summary: 'Still running after 2 s.' });
    await app.value('containers:remove', { id: up.containerId });
    const down = await check(await busyboxWith('quitter', 'exit 0'), { kind: 'stays-up', seconds: 30 });
    expect(down).toMatchObject({ passed: false, exitCode: 0 });
    expect(down.summary).toBe('It stopped by itself with exit code 0.');
  });

  it('says the container was removed when the user removes it during the check', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine: ${rig.limitation}`);
    const image = await busyboxWith('waiting', 'sleep 600');
    const name = `${TEST_PREFIX}-run-check-removed`;
    const pending = app.value('wizard:run-check', {
      image,
      name,
      plan: { kind: 'port', port: 8080, seconds: 120 },
    });
    const running = () =>
      rigDocker(rig.dockerHost)
        .getContainer(name)
        .inspect()
        .then(
          (info) => info.State.Status,
          () => 'none',
        );
    await expect.poll(running, { timeout: 30_000 }).toBe('running');
    await app.value('containers:remove', { id: name });
    const result = await pending;
    expect(result).toMatchObject({ passed: false, stopped: true, kept: false });
    expect(result.summary).toBe('The container was removed before the check ended.');
  });

  describe('what the wizard writes for Python', () => {
    beforeAll(async () => {
      if (rig.mode === 'private') await ensurePythonStandIn(rigDocker(rig.dockerHost));
    }, 600_000);

    async function buildWizard(answers: WizardAnswers, files: Record<string, string>, name: string) {
      const tag = `${TEST_PREFIX}/run-check-${name}:1`;
      const dockerfile = generateDockerfile(answers, { commented: true });
      const dir = makeContext({
        ...files,
        Dockerfile: dockerfile,
        '.dockerignore': generateDockerignore(answers),
      });
      const record = await buildAndWait(app, buildRequest(dir, { tags: [tag], builder: 'auto' }));
      expect(record.status, `${dockerfile}\n---\n${record.log}`).toBe('succeeded');
      made.push(tag);
      return tag;
    }

    it('a Flask app answers on the port the wizard chose', async (context) => {
      if (rig.mode !== 'private')
        context.skip(`needs the python stand-in of the private engine: ${rig.limitation}`);
      const answers: WizardAnswers = {
        ...defaultAnswers('python'),
        pythonVersion: '3.11',
        framework: 'flask',
        port: 5000,
      };
      const plan = planRunCheck(answers);
      expect(plan).toEqual({ kind: 'port', port: 5000, seconds: 30 });
      const image = await buildWizard(
        answers,
        {
          'app.py':
            'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "hi"\n',
          'requirements.txt': 'flask\n',
        },
        'flask',
      );
      const result = await check(image, plan);
      expect(result.passed, `${result.summary}\n${result.log}`).toBe(true);
      expect(result.summary).toMatch(/^Answered HTTP 200 at /);
      await app.value('containers:remove', { id: result.containerId });
    });

    it('a Flask app served by gunicorn answers on 8000', async (context) => {
      if (rig.mode !== 'private')
        context.skip(`needs the python stand-in of the private engine: ${rig.limitation}`);
      const answers: WizardAnswers = {
        ...defaultAnswers('python'),
        pythonVersion: '3.11',
        framework: 'flask',
        port: 8000,
        startCommand: 'gunicorn --bind 0.0.0.0:8000 app:app',
      };
      const image = await buildWizard(
        answers,
        {
          'app.py':
            'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "hi"\n',
          'requirements.txt': 'flask\ngunicorn\n',
        },
        'gunicorn',
      );
      const result = await check(image, planRunCheck(answers));
      expect(result.passed, `${result.summary}\n${result.log}`).toBe(true);
      expect(result.summary).toMatch(/^Answered HTTP 200 at /);
      await app.value('containers:remove', { id: result.containerId });
    });

    it('a start program nothing installed fails at once, and the cause names it', async (context) => {
      if (rig.mode !== 'private')
        context.skip(`needs the python stand-in of the private engine: ${rig.limitation}`);
      const answers: WizardAnswers = {
        ...defaultAnswers('python'),
        pythonVersion: '3.11',
        framework: 'none',
        port: 8501,
        startCommand: 'streamlit run app.py',
      };
      const image = await buildWizard(
        answers,
        { 'app.py': 'print("a dashboard")\n', 'requirements.txt': 'flask\n' },
        'no-streamlit',
      );
      const plan = planRunCheck(answers);
      const result = await check(image, plan);
      // The engine refuses to start a command it cannot find, so no container is left behind.
      expect(result).toMatchObject({ passed: false, kept: false, containerId: '', exitCode: null });
      expect(result.summary).toBe('It could not start: the engine refused to run its start command.');
      expect(result.log).toContain('streamlit');
      const cause = likelyCause(answers, { log: result.log, plan, exitCode: result.exitCode });
      expect(cause).toBe(
        "`streamlit` is not in the image: requirements.txt does not list it. Add streamlit to the project's dependencies.",
      );
    });
  });
});
