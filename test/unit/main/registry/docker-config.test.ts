import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configAuthKeys,
  createDockerConfigFile,
  decodeAuth,
  DockerConfigError,
  encodeAuth,
  findConfigAuth,
  helperFor,
} from '../../../../src/main/registry/docker-config';
import { DOCKER_HUB_KEY } from '../../../../src/shared/registry/registry-name';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-docker-config-'));
  path = join(dir, 'config.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('createDockerConfigFile().read', () => {
  it('reads a missing file as an empty configuration', async () => {
    const config = await createDockerConfigFile(dir).read();
    expect(config).toMatchObject({ exists: false, auths: {}, credsStore: null, credHelpers: {} });
  });

  it('reads an empty file as an empty configuration, as the CLI does', async () => {
    writeFileSync(path, '  \n');
    expect(await createDockerConfigFile(dir).read()).toMatchObject({
      exists: true,
      auths: {},
      credsStore: null,
    });
  });

  it('reads auths, credsStore and credHelpers', async () => {
    writeFileSync(
      path,
      JSON.stringify({
        auths: { 'reg.example.com': { auth: b64('ada:pw') } },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud' },
        psFormat: 'table {{.ID}}',
      }),
    );
    const config = await createDockerConfigFile(dir).read();
    expect(config.auths).toEqual({ 'reg.example.com': { auth: b64('ada:pw') } });
    expect(config.credsStore).toBe('desktop');
    expect(config.credHelpers).toEqual({ 'gcr.io': 'gcloud' });
    expect(config.document['psFormat']).toBe('table {{.ID}}');
  });

  it('treats an empty credsStore as none', async () => {
    writeFileSync(path, '{"credsStore": ""}');
    expect((await createDockerConfigFile(dir).read()).credsStore).toBeNull();
  });

  it('rejects malformed JSON with an error naming the file, without quoting its content', async () => {
    writeFileSync(path, `{"auths": {"reg": {"auth": "${b64('ada:hunter2')}"}`);
    const failure = await createDockerConfigFile(dir)
      .read()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DockerConfigError);
    expect((failure as DockerConfigError).message).toContain(path);
    expect((failure as DockerConfigError).message).toMatch(/not valid JSON/);
    expect((failure as DockerConfigError).message).not.toContain(b64('ada:hunter2'));
  });

  it.each([
    ['[]', /does not hold a JSON object/],
    ['{"auths": []}', /"auths" must be an object/],
    ['{"auths": {"reg": "x"}}', /entry for reg must be an object/],
    ['{"auths": {"reg": {"auth": 5}}}', /"auth" of the "auths" entry for reg must be a string/],
    ['{"credsStore": 1}', /"credsStore" must be a string/],
    ['{"credHelpers": {"gcr.io": true}}', /"credHelpers" entry for gcr.io must be a string/],
  ])('rejects %s with a clear error', async (content, message) => {
    writeFileSync(path, content);
    await expect(createDockerConfigFile(dir).read()).rejects.toThrow(message);
  });
});

describe('decodeAuth', () => {
  it('splits at the first colon and keeps the rest of the password', () => {
    expect(decodeAuth(path, 'reg', b64('ada:pa:ss'))).toEqual({ username: 'ada', password: 'pa:ss' });
  });

  it('drops trailing NULs as the CLI does', () => {
    expect(decodeAuth(path, 'reg', b64('ada:pw\0\0'))).toEqual({ username: 'ada', password: 'pw' });
  });

  it.each([
    ['no colon', b64('adapw')],
    ['an empty username', b64(':pw')],
    ['not base64', 'not base64!'],
  ])('rejects %s without quoting the value', (_label, value) => {
    expect(() => decodeAuth(path, 'reg', value)).toThrow(`${path}: the "auth" value for reg`);
    try {
      decodeAuth(path, 'reg', value);
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('round-trips with encodeAuth', () => {
    expect(decodeAuth(path, 'reg', encodeAuth('ada', 'p@ss:wörd'))).toEqual({
      username: 'ada',
      password: 'p@ss:wörd',
    });
  });
});

describe('findConfigAuth', () => {
  const read = async (auths: Record<string, unknown>) => {
    writeFileSync(path, JSON.stringify({ auths }));
    return createDockerConfigFile(dir).read();
  };

  it('finds the exact key first', async () => {
    const config = await read({
      'https://reg.example.com/v1/': { auth: b64('old:one') },
      'reg.example.com': { auth: b64('new:two') },
    });
    expect(findConfigAuth(config, 'reg.example.com')).toEqual({
      key: 'reg.example.com',
      username: 'new',
      password: 'two',
      identityToken: '',
    });
  });

  it.each(['https://reg.example.com/v1/', 'http://reg.example.com', 'reg.example.com/v2/'])(
    'accepts the legacy key %s',
    async (legacy) => {
      const config = await read({ [legacy]: { auth: b64('ada:pw') } });
      expect(findConfigAuth(config, 'reg.example.com')).toMatchObject({
        key: legacy,
        username: 'ada',
        password: 'pw',
      });
    },
  );

  it('finds Docker Hub only under its v1 key, as the CLI does', async () => {
    const config = await read({ 'index.docker.io': { auth: b64('ada:pw') } });
    expect(findConfigAuth(config, DOCKER_HUB_KEY)).toBeNull();
    const hub = await read({ [DOCKER_HUB_KEY]: { auth: b64('ada:pw') } });
    expect(findConfigAuth(hub, DOCKER_HUB_KEY)).toMatchObject({ username: 'ada', password: 'pw' });
  });

  it('reads an identity token', async () => {
    const config = await read({ 'reg.example.com': { auth: b64('ada:'), identitytoken: 'tok-123' } });
    expect(findConfigAuth(config, 'reg.example.com')).toEqual({
      key: 'reg.example.com',
      username: 'ada',
      password: '',
      identityToken: 'tok-123',
    });
  });

  it('counts an entry without credentials (left by a credential helper login) as none', async () => {
    const config = await read({ 'reg.example.com': {} });
    expect(findConfigAuth(config, 'reg.example.com')).toBeNull();
  });

  it('lists the key and its legacy forms for logout', async () => {
    const config = await read({
      'reg.example.com': {},
      'https://reg.example.com': {},
      'http://reg.example.com/v1/': {},
      'other.example.com': {},
    });
    expect(configAuthKeys(config, 'reg.example.com').sort()).toEqual(
      ['http://reg.example.com/v1/', 'https://reg.example.com', 'reg.example.com'].sort(),
    );
  });
});

describe('helperFor', () => {
  it('prefers credHelpers for the registry, then credsStore, then none', async () => {
    writeFileSync(path, JSON.stringify({ credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } }));
    const config = await createDockerConfigFile(dir).read();
    expect(helperFor(config, 'gcr.io')).toEqual({ name: 'gcloud', source: 'credHelper' });
    expect(helperFor(config, 'ghcr.io')).toEqual({ name: 'desktop', source: 'credsStore' });
    writeFileSync(path, JSON.stringify({ credHelpers: { 'gcr.io': 'gcloud' } }));
    expect(helperFor(await createDockerConfigFile(dir).read(), 'ghcr.io')).toBeNull();
  });
});

describe('createDockerConfigFile().updateAuths', () => {
  it('changes auths and keeps every other key as it was', async () => {
    const original = {
      auths: { 'a.example.com': { auth: b64('ada:pw'), email: 'ada@example.com' } },
      credsStore: 'dwtest',
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
      currentContext: 'colima',
      plugins: { buildx: { x: '1' } },
      futureKey: [1, 2, 3],
    };
    writeFileSync(path, JSON.stringify(original));
    await createDockerConfigFile(dir).updateAuths((auths) => {
      auths['b.example.com'] = {};
      return true;
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      ...original,
      auths: { ...original.auths, 'b.example.com': {} },
    });
  });

  it('writes the file with mode 0600 and the folder with 0700', async () => {
    const nested = join(dir, 'fresh', '.docker');
    await createDockerConfigFile(nested).updateAuths(() => true);
    expect(statSync(join(nested, 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(join(nested, 'config.json'), 'utf8'))).toEqual({ auths: {} });
  });

  it('writes nothing when the change says so', async () => {
    await createDockerConfigFile(dir).updateAuths(() => false);
    expect(() => statSync(path)).toThrow();
  });

  it('refuses to rewrite a malformed file', async () => {
    writeFileSync(path, '{oops');
    await expect(createDockerConfigFile(dir).updateAuths(() => true)).rejects.toThrow(DockerConfigError);
    expect(readFileSync(path, 'utf8')).toBe('{oops');
  });

  it('writes through a symlinked config.json, keeping the link', async () => {
    const real = join(dir, 'dotfiles');
    mkdirSync(real);
    writeFileSync(join(real, 'config.json'), '{"psFormat": "x"}');
    const linkDir = join(dir, 'home');
    mkdirSync(linkDir);
    symlinkSync(join(real, 'config.json'), join(linkDir, 'config.json'));
    await createDockerConfigFile(linkDir).updateAuths((auths) => {
      auths['reg'] = {};
      return true;
    });
    expect(lstatSync(join(linkDir, 'config.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(real, 'config.json'), 'utf8'))).toEqual({
      psFormat: 'x',
      auths: { reg: {} },
    });
  });
});
