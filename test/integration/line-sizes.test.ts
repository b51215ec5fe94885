import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';

const rig = inject('rig');

describe('bytes per Dockerfile line for the editor gutter', () => {
  let app: TestServices;
  const tag = `${TEST_PREFIX}line-sizes:${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(async () => {
    await dockerCli(rig.dockerHost, ['rmi', '-f', tag]).catch(() => '');
    app.dispose();
  });

  it('sums docker history sizes per line, as the docker CLI reports them, without reading the image', async () => {
    const dir = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        `LABEL token=${randomUUID()}`,
        'ENV GREETING=hello',
        'RUN head -c 1048576 /dev/urandom > /one-mib && mkdir /empty',
        'COPY data.bin /data.bin',
        'RUN head -c 300000 /dev/urandom > /small',
        '',
      ].join('\n'),
      'data.bin': 'x'.repeat(50_000),
    });
    const record = await buildAndWait(app, buildRequest(dir, { builder: 'classic', tags: [tag] }));
    expect(record.status).toBe('succeeded');

    const sizes = new Map(await app.value('history:line-sizes', { id: record.id }));

    // The reference: `docker history` itself, newest first, one size per entry.
    const cli = (
      await dockerCli(rig.dockerHost, [
        'history',
        '--no-trunc',
        '--human=false',
        '--format',
        '{{.Size}}\t{{.CreatedBy}}',
        tag,
      ])
    )
      .trim()
      .split('\n')
      .map((row) => {
        const [size, ...createdBy] = row.split('\t');
        return { size: Number(size), createdBy: createdBy.join('\t') };
      });
    const cliSize = (pattern: RegExp): number =>
      cli.filter((entry) => pattern.test(entry.createdBy)).reduce((sum, entry) => sum + entry.size, 0);
    expect(sizes.get(4)).toBe(cliSize(/one-mib/));
    expect(sizes.get(5)).toBe(cliSize(/COPY .*data\.bin/));
    expect(sizes.get(6)).toBe(cliSize(/\/small/));
    expect(sizes.get(3)).toBe(0);
    // Real bytes, on either image store (content on the classic store, on disk on containerd's).
    expect(sizes.get(4)).toBeGreaterThan(1_000_000);
    expect(sizes.get(6)).toBeGreaterThan(250_000);
    expect(sizes.has(1)).toBe(false);
  });

  it('has no sizes once the image is gone, and says which build it does not know', async () => {
    const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo ${randomUUID()} > /x\n` });
    const record = await buildAndWait(app, buildRequest(dir, { builder: 'classic' }));
    await dockerCli(rig.dockerHost, ['rmi', '-f', record.imageId!]);
    expect(await app.value('history:line-sizes', { id: record.id })).toBeNull();
    expect(await app.call('history:line-sizes', { id: 'no-such-build' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
