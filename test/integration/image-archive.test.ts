import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

describe('saving and loading images (docker save / docker load)', () => {
  let app: TestServices;
  const dir = mkdtempSync(join(tmpdir(), 'dw-archive-'));
  const tag = `${TEST_PREFIX}/archived:1`;
  let imageId: string;

  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    imageId = await buildTestImage(rigDocker(rig.dockerHost), tag, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN echo archived > /marker\n`,
    });
  });
  afterAll(() => app.dispose());

  it('saves an archive the docker CLI loads, and loads one the docker CLI saved', async () => {
    const ours = join(dir, 'ours.tar');
    const saved = await app.value('images:save', { ref: tag, path: ours });
    expect(saved.bytes).toBe(statSync(ours).size);
    expect(existsSync(`${ours}.partial`)).toBe(false);

    await dockerCli(rig.dockerHost, ['rmi', tag]);
    const cliLoad = await dockerCli(rig.dockerHost, ['load', '-i', ours]);
    expect(cliLoad).toContain(`Loaded image: ${tag}`);

    const theirs = join(dir, 'theirs.tar');
    await dockerCli(rig.dockerHost, ['save', '-o', theirs, tag]);
    await dockerCli(rig.dockerHost, ['rmi', tag]);
    const loaded = await app.value('images:load', { path: theirs });
    expect(loaded.loaded).toEqual([tag]);
    expect((await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', tag])).trim()).toBe(
      imageId,
    );
  });

  it('refuses to write anything but a .tar, and explains a file that is not an image archive', async () => {
    expect(await app.call('images:save', { ref: tag, path: join(dir, 'notes.txt') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'path' },
    });
    const bogus = join(dir, 'bogus.tar');
    writeFileSync(bogus, 'this is not a tar archive at all');
    const result = await app.call('images:load', { path: bogus });
    expect(result.ok).toBe(false);
    expect(await app.call('images:load', { path: join(dir, 'missing.tar') })).toMatchObject({
      ok: false,
      error: { field: 'path', message: expect.stringContaining('There is no file') },
    });
  });
});
