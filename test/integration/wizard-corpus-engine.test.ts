/**
 * Corpus projects whose base images the private engine can stand in, taken the whole way on it
 * (issue #19): detected, written through `wizard:write-files`, built, then run and checked.
 *
 * Stand-ins: Debian bookworm with Python, Flask and gunicorn (see stand-in-images.ts) is tagged
 * as every `python:*` and `debian:12-slim` image the generated Dockerfile names. Containers reach
 * Debian's mirror (apt works) but not PyPI, so a Python project's pins are relaxed to the names the
 * stand-in carries; the test says which. Other stacks (Node, Go, Java, Rust, .NET, PHP, Ruby,
 * Alpine) are checked statically by the corpus unit test.
 */
import { cpSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDockerfile } from '../../src/shared/wizard/generate-dockerfile';
import { generateDockerignore } from '../../src/shared/wizard/generate-dockerignore';
import { likelyCause } from '../../src/shared/wizard/likely-cause';
import { planRunCheck } from '../../src/shared/wizard/run-check';
import { buildAndWait, buildRequest } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const PROJECTS = join(__dirname, '../fixtures/projects');

/** Copies a corpus project out of the repository, so the wizard's files are written elsewhere. */
function copyProject(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dw-corpus-${name}-`));
  cpSync(join(PROJECTS, name), dir, { recursive: true });
  return dir;
}

/** `flask==3.0.3` → `flask`: what the offline stand-in has satisfies the relaxed line. */
function relaxPins(file: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^([A-Za-z0-9_.[\]-]+)\s*[=<>!~]=?[^\n#;]*/gm, '$1'));
}

describe('corpus projects built and run & checked on the engine', () => {
  let app: TestServices;
  const images: string[] = [];

  beforeAll(async () => {
    if (rig.mode !== 'private') return;
    await ensurePythonStandIn(rigDocker(rig.dockerHost));
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  }, 600_000);
  afterAll(async () => {
    app?.dispose();
    for (const tag of images)
      await rigDocker(rig.dockerHost)
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  /** Detects `dir`, writes the files as the wizard's Files step does, builds, and runs the check. */
  async function wizardAllTheWay(dir: string, name: string) {
    const detection = await app.value('wizard:detect', { dir });
    const dockerfile = generateDockerfile(detection.answers, { commented: true });
    const docker = rigDocker(rig.dockerHost);
    for (const [, image] of dockerfile.matchAll(/^FROM (\S+)/gm)) {
      if (!/^(python:|debian:12-slim$)/.test(image!)) continue;
      const [repo = '', tag = ''] = image!.split(':');
      await docker.getImage('python:3.11-slim').tag({ repo, tag });
    }
    const written = await app.value('wizard:write-files', {
      dir,
      dockerfile,
      dockerignore: generateDockerignore(detection.answers),
      expected: { dockerfile: null, dockerignore: null },
    });
    expect(written.written).toEqual(['Dockerfile', '.dockerignore']);
    const tag = `${TEST_PREFIX}/corpus-${name}:1`;
    images.push(tag);
    const record = await buildAndWait(app, buildRequest(dir, { tags: [tag], builder: 'auto' }));
    expect(record.status, `${dockerfile}\n---\n${record.log}`).toBe('succeeded');
    const plan = planRunCheck(detection.answers);
    const result = await app.value('wizard:run-check', { image: tag, name: null, plan });
    return { detection, plan, result, dockerfile };
  }

  it('python-flask-requirements (pins relaxed): the server answers on the port the wizard chose', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine's stand-ins: ${rig.limitation}`);
    const dir = copyProject('python-flask-requirements');
    relaxPins(join(dir, 'requirements.txt'));
    const { plan, result } = await wizardAllTheWay(dir, 'flask');
    expect(plan).toEqual({ kind: 'port', port: 5000, seconds: 30 });
    expect(result.passed, `${result.summary}\n${result.log}`).toBe(true);
    expect(result.summary).toMatch(/^Answered HTTP 200 at http:\/\/localhost:\d+\/$/);
    await app.value('containers:remove', { id: result.containerId });
  });

  it('script-curl-jq: curl and jq come from apt, and the script runs as the entrypoint (it asks for its arguments)', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine's stand-ins: ${rig.limitation}`);
    const dir = copyProject('script-curl-jq');
    const { detection, plan, result, dockerfile } = await wizardAllTheWay(dir, 'curl-jq');
    expect(dockerfile).toMatch(/apt-get install[^\n]*\bcurl\b/);
    expect(dockerfile).toMatch(/\bjq\b/);
    expect(plan.kind).toBe('exits');
    // Run without arguments, the script's own usage line is the proof it ran, under bash, as ENTRYPOINT.
    expect(result).toMatchObject({ passed: false, exitCode: 2, kept: false });
    expect(result.log).toBe('usage: latest-release.sh owner/repo [--json]\n');
    expect(likelyCause(detection.answers, { log: result.log, plan, exitCode: result.exitCode })).toMatch(
      /^The script printed its usage: it needs arguments/,
    );
    const tools = await rigDocker(rig.dockerHost).run(
      `${TEST_PREFIX}/corpus-curl-jq:1`,
      ['-c', 'curl --version | head -1 && jq --version'],
      process.stdout,
      { Entrypoint: ['bash'], HostConfig: { AutoRemove: true } },
    );
    expect((tools as [{ StatusCode: number }])[0].StatusCode).toBe(0);
  });

  it('a script made the same way that needs no arguments passes: it ends with exit code 0', async (context) => {
    if (rig.mode !== 'private') context.skip(`needs the private engine's stand-ins: ${rig.limitation}`);
    const dir = copyProject('script-curl-jq');
    // Same shape, offline: reads a file URL with curl and picks a field with jq.
    writeFileSync(
      join(dir, 'latest-release.sh'),
      [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        'name=$(curl --silent file:///etc/os-release | grep ^ID= | cut -d= -f2)',
        'jq -n --arg id "$name" \'{distro: $id}\'',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const { plan, result } = await wizardAllTheWay(dir, 'curl-jq-offline');
    expect(plan.kind).toBe('exits');
    expect(result.passed, `${result.summary}\n${result.log}`).toBe(true);
    expect(JSON.parse(result.log)).toEqual({ distro: 'debian' });
  });
});
