import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatSize } from '../../src/shared/format-size';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

describe('images against a real engine', () => {
  let app: TestServices;
  const docker = rigDocker(rig.dockerHost);

  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(() => app.dispose());

  it('lists every image with the tags, ids and sizes docker images prints', async () => {
    const images = await app.value('images:list', {});
    const cli = (
      await dockerCli(rig.dockerHost, [
        'images',
        '--no-trunc',
        '--filter',
        `label=${TEST_LABEL}`,
        '--format',
        '{{.ID}}\t{{.Repository}}:{{.Tag}}\t{{.Size}}',
      ])
    )
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(cli.length).toBeGreaterThan(0);
    for (const [id, reference, size] of cli) {
      const image = images.find((candidate) => candidate.id === id);
      expect(image, `image ${id}`).toBeDefined();
      if (reference !== '<none>:<none>') expect(image!.tags).toContain(reference);
      expect(formatSize(image!.sizeBytes)).toBe(size);
    }
  });

  it('counts the containers made from an image', async () => {
    const container = await docker.createContainer({
      Image: rig.baseImage,
      Cmd: ['true'],
      Labels: { [TEST_LABEL]: '1' },
    });
    try {
      const images = await app.value('images:list', {});
      const base = images.find((image) => image.tags.includes(rig.baseImage));
      const cliCount = (
        await dockerCli(rig.dockerHost, [
          'ps',
          '-a',
          '--filter',
          `ancestor=${rig.baseImage}`,
          '--format',
          '{{.ID}}',
        ])
      )
        .trim()
        .split('\n')
        .filter(Boolean).length;
      expect(base?.containers).toBe(cliCount);
      expect(cliCount).toBeGreaterThanOrEqual(1);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('untags when the image has other tags, and deletes the image with its last tag', async () => {
    const id = await buildTestImage(docker, `${TEST_PREFIX}/two-tags:a`, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN echo two-tags > /marker\n`,
    });
    await docker.getImage(id).tag({ repo: `${TEST_PREFIX}/two-tags`, tag: 'b' });

    const first = await app.value('images:remove', { ref: `${TEST_PREFIX}/two-tags:a` });
    expect(first).toEqual({ removed: [], untagged: [`${TEST_PREFIX}/two-tags:a`] });
    expect((await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', id])).trim()).toBe(
      id,
    );

    const last = await app.value('images:remove', { ref: `${TEST_PREFIX}/two-tags:b` });
    expect(last.untagged).toEqual([`${TEST_PREFIX}/two-tags:b`]);
    expect(last.removed).toContain(id);
    await expect(dockerCli(rig.dockerHost, ['image', 'inspect', id])).rejects.toThrow(/No such image/i);
  });

  it("explains the engine's refusal to remove an image a container uses, and force removes it", async () => {
    const id = await buildTestImage(docker, `${TEST_PREFIX}/in-use:1`, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN echo in-use > /marker\n`,
    });
    const container = await docker.createContainer({
      Image: id,
      Cmd: ['true'],
      Labels: { [TEST_LABEL]: '1' },
    });
    try {
      const refused = await app.call('images:remove', { ref: id });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('IMAGE_IN_USE');
      // The engine's own words, without docker-modem's "(HTTP code 409)" wrapper.
      expect(refused.error.message).toMatch(/^conflict: unable to (delete|remove)/);
      await container.remove({ force: true });
      const forced = await app.value('images:remove', { ref: id, force: true });
      expect(forced.removed).toContain(id);
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  });

  it('prunes dangling images and reports the space the engine reclaimed', async (context) => {
    if (rig.mode !== 'private') context.skip(`prune touches every dangling image: ${rig.limitation}`);
    const tag = `${TEST_PREFIX}/prune-me:1`;
    const old = await buildTestImage(docker, tag, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 300000 /dev/urandom > /blob\n`,
    });
    // Rebuilding the same tag leaves the old image dangling, as it does for users.
    await buildTestImage(docker, tag, { Dockerfile: `FROM ${rig.baseImage}\nRUN echo new > /blob\n` });
    const dangling = (
      await dockerCli(rig.dockerHost, ['images', '-q', '--no-trunc', '--filter', 'dangling=true'])
    ).trim();
    expect(dangling.split('\n')).toContain(old);

    const result = await app.value('images:prune', {});
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(result.reclaimedBytes).toBeGreaterThanOrEqual(300_000);
    const after = (await dockerCli(rig.dockerHost, ['images', '-q', '--filter', 'dangling=true'])).trim();
    expect(after).toBe('');
  });

  it('says which image was not found', async () => {
    const result = await app.call('images:remove', { ref: `${TEST_PREFIX}/never-built:1` });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('never-built') },
    });
  });
});
