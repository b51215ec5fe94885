import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
  discoverEngines,
  formatEngineAddress,
  listDockerContexts,
  parseEngineAddress,
} from '../../../../src/main/engine/discover-engine';
import type { DiscoveryInput } from '../../../../src/main/engine/discovery-types';

const HOME = '/home/ada';
const CONFIG = `${HOME}/.docker`;

type Files = Record<string, string | Error>;

/** A machine held in memory: files by absolute path; an Error value makes reading that file throw. */
function machine(
  options: { env?: Record<string, string>; platform?: NodeJS.Platform; home?: string; files?: Files } = {},
): DiscoveryInput {
  const files = options.files ?? {};
  const platform = options.platform ?? 'linux';
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    env: options.env ?? {},
    platform,
    homeDir: options.home ?? HOME,
    readFile: (path) => {
      const content = files[path];
      if (content instanceof Error) throw content;
      return content;
    },
    listDir: (dir) => {
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const names = Object.keys(files)
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length).split(sep)[0] ?? '');
      return [...new Set(names)];
    },
  };
}

/** The docker CLI's store id for a context: sha256 hex of its name. */
function storeId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function metaPath(name: string, configDir = CONFIG): string {
  return `${configDir}/contexts/meta/${storeId(name)}/meta.json`;
}

/** The files `docker context create <name> --docker host=<host>` leaves behind. */
function context(
  name: string,
  host: string,
  options: {
    skipTlsVerify?: boolean;
    tls?: Array<'ca.pem' | 'cert.pem' | 'key.pem'>;
    configDir?: string;
  } = {},
): Files {
  const configDir = options.configDir ?? CONFIG;
  const files: Files = {
    [metaPath(name, configDir)]: JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
    }),
  };
  for (const file of options.tls ?? []) {
    files[`${configDir}/contexts/tls/${storeId(name)}/docker/${file}`] = `${file} contents`;
  }
  return files;
}

function config(currentContext: string, configDir = CONFIG): Files {
  return { [`${configDir}/config.json`]: JSON.stringify({ auths: {}, currentContext }) };
}

function addresses(input: DiscoveryInput): string[] {
  return discoverEngines(input).candidates.map((candidate) => candidate.address);
}

function readError(code: string): Error {
  return Object.assign(new Error(`${code}: permission denied`), { code });
}

describe('parseEngineAddress', () => {
  it('reads a unix socket path, and an empty one as the default socket', () => {
    expect(parseEngineAddress('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseEngineAddress('unix://')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('rejects a relative socket path', () => {
    expect(() => parseEngineAddress('unix://var/run/docker.sock')).toThrow(/must be absolute/);
  });

  it('defaults tcp to port 2375 without TLS and 2376 with it', () => {
    expect(parseEngineAddress('tcp://10.0.0.5')).toEqual({
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2375,
      tls: null,
    });
    const tls = { verify: true };
    expect(parseEngineAddress('tcp://10.0.0.5', tls)).toEqual({
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2376,
      tls,
    });
  });

  it('keeps an explicit tcp port and accepts bracketed IPv6 hosts', () => {
    expect(parseEngineAddress('tcp://example.com:4243')).toMatchObject({ host: 'example.com', port: 4243 });
    expect(parseEngineAddress('tcp://[::1]:2375')).toMatchObject({ host: '::1', port: 2375 });
  });

  it('treats a bare host:port as tcp and an empty tcp host as localhost, like the CLI', () => {
    expect(parseEngineAddress('1.2.3.4:2376')).toMatchObject({ kind: 'tcp', host: '1.2.3.4', port: 2376 });
    expect(parseEngineAddress('tcp://:2375')).toMatchObject({ host: 'localhost', port: 2375 });
  });

  it('rejects a bad port, a path after the port and an unbracketed IPv6 host', () => {
    expect(() => parseEngineAddress('tcp://host:abc')).toThrow('Invalid port "abc" in "tcp://host:abc"');
    expect(() => parseEngineAddress('tcp://host:70000')).toThrow(/from 1 to 65535/);
    expect(() => parseEngineAddress('tcp://host:2375/v1.41')).toThrow(/path after host:port/);
    expect(() => parseEngineAddress('tcp://::1:2375')).toThrow(/brackets/);
  });

  it('reads a named pipe, with forward or back slashes', () => {
    expect(parseEngineAddress('npipe:////./pipe/docker_engine')).toEqual({
      kind: 'npipe',
      pipePath: '//./pipe/docker_engine',
    });
    expect(parseEngineAddress('npipe://\\\\.\\pipe\\podman-machine-default')).toEqual({
      kind: 'npipe',
      pipePath: '//./pipe/podman-machine-default',
    });
    expect(() => parseEngineAddress('npipe://./pipe/docker_engine')).toThrow(
      /npipe:\/\/\/\/\.\/pipe\/<name>/,
    );
  });

  it('reads ssh user, host and port, defaulting to port 22', () => {
    expect(parseEngineAddress('ssh://deploy@build.example.com:2222')).toEqual({
      kind: 'ssh',
      host: 'build.example.com',
      port: 2222,
      username: 'deploy',
    });
    expect(parseEngineAddress('ssh://build.example.com')).toEqual({
      kind: 'ssh',
      host: 'build.example.com',
      port: 22,
    });
  });

  it('rejects ssh addresses with a password, a path or no host', () => {
    expect(() => parseEngineAddress('ssh://me:secret@host')).toThrow(/password/);
    expect(() => parseEngineAddress('ssh://host/var/run')).toThrow(/path after the host/);
    expect(() => parseEngineAddress('ssh://me@')).toThrow(/no host/);
  });

  it('rejects an unknown scheme and lists the ones it knows', () => {
    expect(() => parseEngineAddress('ftp://host')).toThrow(
      'Unsupported scheme "ftp://" in "ftp://host": use unix://, tcp://, npipe:// or ssh://',
    );
    expect(() => parseEngineAddress('https://host:2376')).toThrow(/use tcp:\/\//);
  });

  it('rejects an empty address and a bare path', () => {
    expect(() => parseEngineAddress('  ')).toThrow(/empty/);
    expect(() => parseEngineAddress('/var/run/docker.sock')).toThrow(
      /write unix:\/\/\/var\/run\/docker.sock/,
    );
  });
});

describe('formatEngineAddress', () => {
  it('writes endpoints back the way a user would type them', () => {
    expect(formatEngineAddress({ kind: 'npipe', pipePath: '//./pipe/docker_engine' })).toBe(
      'npipe:////./pipe/docker_engine',
    );
    expect(formatEngineAddress({ kind: 'tcp', host: '::1', port: 2375, tls: null })).toBe('tcp://[::1]:2375');
    expect(formatEngineAddress({ kind: 'ssh', host: 'h', port: 22, username: 'me' })).toBe('ssh://me@h');
    expect(formatEngineAddress({ kind: 'ssh', host: 'h', port: 2222 })).toBe('ssh://h:2222');
  });
});

describe('discoverEngines', () => {
  describe('default locations', () => {
    it('lists the well-known linux sockets in order, labelled, without checking they exist', () => {
      const discovery = discoverEngines(machine());
      expect(discovery.exclusive).toBe(false);
      expect(discovery.problems).toEqual([]);
      expect(discovery.candidates.map((c) => [c.label, c.address])).toEqual([
        ['Docker Engine', 'unix:///var/run/docker.sock'],
        ['Docker Desktop', 'unix:///home/ada/.docker/run/docker.sock'],
        ['Docker Desktop', 'unix:///home/ada/.docker/desktop/docker.sock'],
        ['Colima', 'unix:///home/ada/.colima/default/docker.sock'],
        ['Colima', 'unix:///home/ada/.colima/docker.sock'],
        ['Rancher Desktop', 'unix:///home/ada/.rd/docker.sock'],
        ['OrbStack', 'unix:///home/ada/.orbstack/run/docker.sock'],
        ['Podman', 'unix:///run/podman/podman.sock'],
      ]);
      expect(discovery.candidates.every((c) => c.source === 'default')).toBe(true);
      expect(discovery.candidates[0]?.endpoint).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    });

    it('adds rootless Docker and rootless Podman when XDG_RUNTIME_DIR is set', () => {
      const candidates = discoverEngines(machine({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } })).candidates;
      expect(candidates[1]).toMatchObject({
        label: 'Docker rootless',
        address: 'unix:///run/user/1000/docker.sock',
      });
      expect(candidates.at(-2)).toMatchObject({
        label: 'Podman (rootless)',
        address: 'unix:///run/user/1000/podman/podman.sock',
      });
    });

    it('ignores a relative XDG_RUNTIME_DIR, as the XDG spec asks', () => {
      expect(addresses(machine({ env: { XDG_RUNTIME_DIR: 'run/user/1000' } }))).toHaveLength(8);
    });

    it('uses the same sockets on macOS', () => {
      expect(addresses(machine({ platform: 'darwin', home: '/Users/ada' }))).toContain(
        'unix:///Users/ada/.colima/default/docker.sock',
      );
    });

    it('keeps only the first of two identical addresses', () => {
      const candidates = discoverEngines(machine({ env: { XDG_RUNTIME_DIR: '/run' } })).candidates;
      const podman = candidates.filter((c) => c.address === 'unix:///run/podman/podman.sock');
      expect(podman).toEqual([expect.objectContaining({ label: 'Podman (rootless)' })]);
      expect(new Set(candidates.map((c) => c.address)).size).toBe(candidates.length);
    });

    it('lists the Docker Desktop and Podman pipes on Windows', () => {
      const discovery = discoverEngines(machine({ platform: 'win32', home: 'C:\\Users\\ada' }));
      expect(discovery.candidates).toEqual([
        {
          source: 'default',
          label: 'Docker Desktop',
          endpoint: { kind: 'npipe', pipePath: '//./pipe/docker_engine' },
          address: 'npipe:////./pipe/docker_engine',
        },
        {
          source: 'default',
          label: 'Podman',
          endpoint: { kind: 'npipe', pipePath: '//./pipe/podman-machine-default' },
          address: 'npipe:////./pipe/podman-machine-default',
        },
      ]);
    });
  });

  describe('DOCKER_HOST', () => {
    it('is the only candidate when set', () => {
      const discovery = discoverEngines(machine({ env: { DOCKER_HOST: 'unix:///tmp/d.sock' } }));
      expect(discovery).toEqual({
        candidates: [
          {
            source: 'DOCKER_HOST',
            label: 'DOCKER_HOST',
            endpoint: { kind: 'unix', socketPath: '/tmp/d.sock' },
            address: 'unix:///tmp/d.sock',
          },
        ],
        problems: [],
        exclusive: true,
      });
    });

    it('uses plain tcp on port 2375 without TLS settings', () => {
      const [candidate] = discoverEngines(machine({ env: { DOCKER_HOST: 'tcp://10.0.0.5' } })).candidates;
      expect(candidate?.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
      expect(candidate?.address).toBe('tcp://10.0.0.5:2375');
    });

    it('uses verified TLS on port 2376 with DOCKER_TLS_VERIFY, taking the certs present in ~/.docker', () => {
      const input = machine({
        env: { DOCKER_HOST: 'tcp://10.0.0.5', DOCKER_TLS_VERIFY: '1' },
        files: { [`${CONFIG}/ca.pem`]: 'ca', [`${CONFIG}/cert.pem`]: 'cert', [`${CONFIG}/key.pem`]: 'key' },
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).toEqual({
        kind: 'tcp',
        host: '10.0.0.5',
        port: 2376,
        tls: {
          verify: true,
          caPath: `${CONFIG}/ca.pem`,
          certPath: `${CONFIG}/cert.pem`,
          keyPath: `${CONFIG}/key.pem`,
        },
      });
    });

    it('leaves out default cert files that do not exist', () => {
      const input = machine({ env: { DOCKER_HOST: 'tcp://10.0.0.5', DOCKER_TLS_VERIFY: '1' } });
      expect(discoverEngines(input).candidates[0]?.endpoint).toMatchObject({
        port: 2376,
        tls: { verify: true },
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).not.toHaveProperty('tls.caPath');
    });

    it('looks for certs in $DOCKER_CONFIG when DOCKER_CERT_PATH is unset', () => {
      const input = machine({
        env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/etc/dock' },
        files: { '/etc/dock/ca.pem': 'ca' },
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).toMatchObject({
        tls: { verify: true, caPath: '/etc/dock/ca.pem' },
      });
    });

    it('takes all three cert files from DOCKER_CERT_PATH', () => {
      const input = machine({
        env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).toMatchObject({
        tls: {
          verify: true,
          caPath: '/certs/ca.pem',
          certPath: '/certs/cert.pem',
          keyPath: '/certs/key.pem',
        },
      });
    });

    it('turns on TLS without verification when only DOCKER_CERT_PATH is set', () => {
      const input = machine({ env: { DOCKER_HOST: 'tcp://h', DOCKER_CERT_PATH: '/certs' } });
      expect(discoverEngines(input).candidates[0]?.endpoint).toMatchObject({
        port: 2376,
        tls: { verify: false },
      });
    });

    it('accepts ssh and named pipe addresses', () => {
      expect(discoverEngines(machine({ env: { DOCKER_HOST: 'ssh://me@box' } })).candidates[0]).toMatchObject({
        endpoint: { kind: 'ssh', host: 'box', port: 22, username: 'me' },
        address: 'ssh://me@box',
      });
      const pipe = machine({ platform: 'win32', env: { DOCKER_HOST: 'npipe:////./pipe/docker_engine' } });
      expect(discoverEngines(pipe).candidates[0]?.endpoint).toEqual({
        kind: 'npipe',
        pipePath: '//./pipe/docker_engine',
      });
    });

    it('reports a malformed value as a problem and tries nothing else', () => {
      const discovery = discoverEngines(machine({ env: { DOCKER_HOST: 'http://localhost:2375' } }));
      expect(discovery.candidates).toEqual([]);
      expect(discovery.exclusive).toBe(true);
      expect(discovery.problems).toEqual([
        {
          source: 'DOCKER_HOST',
          message: expect.stringMatching(/^DOCKER_HOST: Unsupported scheme "http:\/\/"/),
        },
      ]);
    });
  });

  describe('docker contexts', () => {
    it('uses the context named by DOCKER_CONTEXT', () => {
      const input = machine({
        env: { DOCKER_CONTEXT: 'colima' },
        files: context('colima', 'unix:///home/ada/.colima/default/docker.sock'),
      });
      expect(discoverEngines(input)).toEqual({
        candidates: [
          {
            source: 'DOCKER_CONTEXT',
            label: 'docker context "colima"',
            endpoint: { kind: 'unix', socketPath: '/home/ada/.colima/default/docker.sock' },
            address: 'unix:///home/ada/.colima/default/docker.sock',
          },
        ],
        problems: [],
        exclusive: true,
      });
    });

    it('treats DOCKER_CONTEXT=default as the default locations, ignoring currentContext', () => {
      const input = machine({
        env: { DOCKER_CONTEXT: 'default' },
        files: { ...config('remote'), ...context('remote', 'tcp://10.0.0.9:2375') },
      });
      const discovery = discoverEngines(input);
      expect(discovery.exclusive).toBe(false);
      expect(discovery.candidates[0]?.label).toBe('Docker Engine');
    });

    it('uses currentContext from config.json', () => {
      const input = machine({ files: { ...config('remote'), ...context('remote', 'tcp://10.0.0.9:2375') } });
      const discovery = discoverEngines(input);
      expect(discovery.exclusive).toBe(true);
      expect(discovery.candidates).toEqual([
        expect.objectContaining({
          source: 'context',
          label: 'docker context "remote"',
          address: 'tcp://10.0.0.9:2375',
        }),
      ]);
    });

    it('falls back to the default locations when currentContext is "default"', () => {
      const discovery = discoverEngines(machine({ files: config('default') }));
      expect(discovery.exclusive).toBe(false);
      expect(discovery.candidates).toHaveLength(8);
    });

    it('reads config.json and contexts from $DOCKER_CONFIG', () => {
      const input = machine({
        env: { DOCKER_CONFIG: '/etc/dock' },
        files: {
          ...config('remote', '/etc/dock'),
          ...context('remote', 'tcp://h:2375', { configDir: '/etc/dock' }),
        },
      });
      expect(addresses(input)).toEqual(['tcp://h:2375']);
    });

    it('uses the TLS files stored with a context, verifying unless SkipTLSVerify', () => {
      const tlsDir = `${CONFIG}/contexts/tls/${storeId('secure')}/docker`;
      const input = machine({
        env: { DOCKER_CONTEXT: 'secure' },
        files: context('secure', 'tcp://secure.example.com', { tls: ['ca.pem', 'cert.pem', 'key.pem'] }),
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).toEqual({
        kind: 'tcp',
        host: 'secure.example.com',
        port: 2376,
        tls: {
          verify: true,
          caPath: `${tlsDir}/ca.pem`,
          certPath: `${tlsDir}/cert.pem`,
          keyPath: `${tlsDir}/key.pem`,
        },
      });
    });

    it('skips verification when the context says SkipTLSVerify, even without files', () => {
      const input = machine({
        env: { DOCKER_CONTEXT: 'lab' },
        files: context('lab', 'tcp://lab:2376', { skipTlsVerify: true }),
      });
      expect(discoverEngines(input).candidates[0]?.endpoint).toEqual({
        kind: 'tcp',
        host: 'lab',
        port: 2376,
        tls: { verify: false },
      });
    });

    it('speaks plain tcp to a context without TLS material', () => {
      const input = machine({ env: { DOCKER_CONTEXT: 'plain' }, files: context('plain', 'tcp://plain') });
      expect(discoverEngines(input).candidates[0]?.endpoint).toEqual({
        kind: 'tcp',
        host: 'plain',
        port: 2375,
        tls: null,
      });
    });

    it('reports a context that does not exist and tries nothing else', () => {
      const discovery = discoverEngines(machine({ env: { DOCKER_CONTEXT: 'ghost' } }));
      expect(discovery).toEqual({
        candidates: [],
        problems: [
          {
            source: 'DOCKER_CONTEXT',
            path: metaPath('ghost'),
            message: `DOCKER_CONTEXT=ghost: docker context "ghost" does not exist (no ${metaPath('ghost')})`,
          },
        ],
        exclusive: true,
      });
    });

    it('reports a currentContext that does not exist, naming config.json', () => {
      const discovery = discoverEngines(machine({ files: config('gone') }));
      expect(discovery.candidates).toEqual([]);
      expect(discovery.exclusive).toBe(true);
      expect(discovery.problems[0]?.message).toBe(
        `currentContext in ${CONFIG}/config.json: docker context "gone" does not exist (no ${metaPath('gone')})`,
      );
    });

    it('reports a malformed meta.json with the file and the JSON error', () => {
      const input = machine({
        env: { DOCKER_CONTEXT: 'broken' },
        files: { [metaPath('broken')]: '{"Name": "broken",' },
      });
      const discovery = discoverEngines(input);
      expect(discovery.candidates).toEqual([]);
      expect(discovery.exclusive).toBe(true);
      expect(discovery.problems).toEqual([
        {
          source: 'DOCKER_CONTEXT',
          path: metaPath('broken'),
          message: expect.stringContaining(`${metaPath('broken')} is not valid JSON: `),
        },
      ]);
    });

    it('reports a meta.json without a docker host', () => {
      const input = machine({
        env: { DOCKER_CONTEXT: 'k8s' },
        files: {
          [metaPath('k8s')]: JSON.stringify({ Name: 'k8s', Endpoints: { docker: { SkipTLSVerify: false } } }),
        },
      });
      expect(discoverEngines(input).problems[0]?.message).toBe(
        `DOCKER_CONTEXT=k8s: ${metaPath('k8s')} is missing Endpoints.docker.Host`,
      );
    });

    it('reports a context whose host cannot be parsed, naming its meta.json', () => {
      const input = machine({ env: { DOCKER_CONTEXT: 'odd' }, files: context('odd', 'ftp://odd') });
      const discovery = discoverEngines(input);
      expect(discovery.candidates).toEqual([]);
      expect(discovery.problems[0]).toMatchObject({
        source: 'DOCKER_CONTEXT',
        path: metaPath('odd'),
        message: expect.stringContaining('Unsupported scheme "ftp://"'),
      });
    });
  });

  describe('config.json problems', () => {
    it('reports malformed JSON with the file name and falls back to the default locations', () => {
      const input = machine({ files: { [`${CONFIG}/config.json`]: '{ "currentContext": "colima", }' } });
      const discovery = discoverEngines(input);
      expect(discovery.exclusive).toBe(false);
      expect(discovery.candidates).toHaveLength(8);
      expect(discovery.problems).toEqual([
        {
          source: 'context',
          path: `${CONFIG}/config.json`,
          message: expect.stringMatching(
            /^\/home\/ada\/\.docker\/config\.json is not valid JSON: .+; using the default engine locations instead$/,
          ),
        },
      ]);
    });

    it('reports an unreadable config.json and falls back', () => {
      const input = machine({ files: { [`${CONFIG}/config.json`]: readError('EACCES') } });
      const discovery = discoverEngines(input);
      expect(discovery.candidates).toHaveLength(8);
      expect(discovery.problems[0]?.message).toMatch(/config\.json could not be read: EACCES/);
    });

    it('reports a currentContext that is not a string', () => {
      const input = machine({ files: { [`${CONFIG}/config.json`]: '{"currentContext": 7}' } });
      expect(discoverEngines(input).problems[0]?.message).toMatch(/"currentContext" must be a string/);
    });

    it('accepts an empty config.json or one without currentContext silently', () => {
      expect(discoverEngines(machine({ files: { [`${CONFIG}/config.json`]: '' } })).problems).toEqual([]);
      expect(
        discoverEngines(machine({ files: { [`${CONFIG}/config.json`]: '{"auths":{}}' } })).problems,
      ).toEqual([]);
    });

    it('finds config.json under a Windows home directory', () => {
      const home = 'C:\\Users\\ada';
      const input = machine({
        platform: 'win32',
        home,
        files: {
          [`${home}\\.docker\\config.json`]: JSON.stringify({ currentContext: 'wsl' }),
          [`${home}\\.docker\\contexts\\meta\\${storeId('wsl')}\\meta.json`]: JSON.stringify({
            Name: 'wsl',
            Endpoints: { docker: { Host: 'npipe:////./pipe/dockerDesktopLinuxEngine' } },
          }),
        },
      });
      expect(addresses(input)).toEqual(['npipe:////./pipe/dockerDesktopLinuxEngine']);
    });
  });

  describe('precedence', () => {
    const everything = {
      env: { DOCKER_HOST: 'tcp://from-env:2375', DOCKER_CONTEXT: 'envctx' },
      files: {
        ...config('cfgctx'),
        ...context('envctx', 'tcp://from-docker-context:2375'),
        ...context('cfgctx', 'tcp://from-config:2375'),
        ...context('chosen', 'tcp://from-settings-context:2375'),
      },
    };

    it('lets an address from Settings beat everything', () => {
      const discovery = discoverEngines(machine(everything), { kind: 'address', address: 'tcp://mine:2375' });
      expect(discovery.exclusive).toBe(true);
      expect(discovery.candidates).toEqual([
        expect.objectContaining({ source: 'settings', label: 'Settings', address: 'tcp://mine:2375' }),
      ]);
    });

    it('lets a context from Settings beat DOCKER_HOST', () => {
      const discovery = discoverEngines(machine(everything), { kind: 'context', name: 'chosen' });
      expect(discovery.candidates).toEqual([
        expect.objectContaining({
          source: 'settings',
          label: 'docker context "chosen"',
          address: 'tcp://from-settings-context:2375',
        }),
      ]);
    });

    it('reports a bad Settings address instead of using another engine', () => {
      const discovery = discoverEngines(machine(everything), { kind: 'address', address: 'tcp://mine:x' });
      expect(discovery).toMatchObject({
        candidates: [],
        exclusive: true,
        problems: [{ source: 'settings' }],
      });
    });

    it('applies the TLS environment to a Settings address, as the CLI does for -H', () => {
      const input = machine({ env: { DOCKER_TLS_VERIFY: '1' } });
      expect(
        discoverEngines(input, { kind: 'address', address: 'tcp://mine' }).candidates[0]?.endpoint,
      ).toMatchObject({ port: 2376, tls: { verify: true } });
    });

    it('puts DOCKER_HOST before DOCKER_CONTEXT', () => {
      expect(addresses(machine(everything))).toEqual(['tcp://from-env:2375']);
    });

    it('puts DOCKER_CONTEXT before currentContext', () => {
      const input = machine({ ...everything, env: { DOCKER_CONTEXT: 'envctx' } });
      expect(addresses(input)).toEqual(['tcp://from-docker-context:2375']);
    });

    it('treats the "default" context chosen in Settings as DOCKER_HOST or the default locations', () => {
      const chooseDefault = { kind: 'context', name: 'default' } as const;
      expect(discoverEngines(machine(everything), chooseDefault).candidates.map((c) => c.address)).toEqual([
        'tcp://from-env:2375',
      ]);
      const discovery = discoverEngines(machine({ files: everything.files }), chooseDefault);
      expect(discovery.exclusive).toBe(false);
      expect(discovery.candidates[0]?.label).toBe('Docker Engine');
    });
  });
});

describe('listDockerContexts', () => {
  it('lists the implicit default first, then stored contexts by name, marking the current one', () => {
    const input = machine({
      files: {
        ...config('colima'),
        ...context('rancher', 'unix:///home/ada/.rd/docker.sock'),
        ...context('colima', 'unix:///home/ada/.colima/default/docker.sock'),
      },
    });
    expect(listDockerContexts(input)).toEqual([
      { name: 'default', address: 'unix:///var/run/docker.sock', current: false },
      { name: 'colima', address: 'unix:///home/ada/.colima/default/docker.sock', current: true },
      { name: 'rancher', address: 'unix:///home/ada/.rd/docker.sock', current: false },
    ]);
  });

  it('marks default current and shows DOCKER_HOST as its address when DOCKER_HOST is set', () => {
    const input = machine({ env: { DOCKER_HOST: 'tcp://10.0.0.5' }, files: config('colima') });
    expect(listDockerContexts(input)).toEqual([
      { name: 'default', address: 'tcp://10.0.0.5:2375', current: true },
    ]);
  });

  it('follows DOCKER_CONTEXT for the current flag', () => {
    const input = machine({ env: { DOCKER_CONTEXT: 'lab' }, files: context('lab', 'ssh://me@lab') });
    expect(listDockerContexts(input).map((c) => [c.name, c.current])).toEqual([
      ['default', false],
      ['lab', true],
    ]);
  });

  it('uses the named pipe as the default address on Windows', () => {
    expect(listDockerContexts(machine({ platform: 'win32', home: 'C:\\Users\\ada' }))).toEqual([
      { name: 'default', address: 'npipe:////./pipe/docker_engine', current: true },
    ]);
  });

  it('lists a broken context with its problem instead of dropping it', () => {
    const input = machine({ files: { ...config('broken'), [metaPath('broken')]: 'not json' } });
    expect(listDockerContexts(input)).toEqual([
      { name: 'default', address: 'unix:///var/run/docker.sock', current: false },
      {
        name: 'broken',
        address: null,
        current: true,
        problem: expect.stringContaining(`${metaPath('broken')} is not valid JSON`),
      },
    ]);
  });

  it('lists a current context that does not exist, with a problem', () => {
    const input = machine({ files: config('gone') });
    expect(listDockerContexts(input)).toEqual([
      { name: 'default', address: 'unix:///var/run/docker.sock', current: false },
      {
        name: 'gone',
        address: null,
        current: true,
        problem: expect.stringContaining('"gone" does not exist'),
      },
    ]);
  });
});
