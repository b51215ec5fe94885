import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRepositoryClient,
  parseChallenge,
  registryBaseUrl,
  RegistryRequestError,
} from '../../../../src/main/push/registry-client';

describe('parseChallenge', () => {
  it.each([
    ['Basic realm="dockwright-test"', { scheme: 'basic' }],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:me/app:pull"',
      {
        scheme: 'bearer',
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:me/app:pull',
      },
    ],
    [
      'bearer realm="https://ghcr.io/token", service="ghcr.io"',
      { scheme: 'bearer', realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: null },
    ],
    ['Bearer service="x"', null],
    ['Negotiate abc', null],
    [null, null],
  ])('reads %j', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });
});

describe('registryBaseUrl', () => {
  it.each([
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['localhost:5000', 'http://localhost:5000'],
    ['[::1]:5000', 'http://[::1]:5000'],
    ['registry.example.com', 'https://registry.example.com'],
    ['docker.io', 'https://registry-1.docker.io'],
  ])('sends %s to %s', (domain, url) => {
    expect(registryBaseUrl(domain)).toBe(url);
  });
});

describe('createRepositoryClient', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A loopback registry that asks for a Bearer token, and a token service that wants Basic credentials. */
  async function tokenRegistry(): Promise<{ domain: string; seen: string[] }> {
    const seen: string[] = [];
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push(`${request.method} ${url.pathname}${url.search}`);
      if (url.pathname === '/token') {
        const good = request.headers.authorization === `Basic ${Buffer.from('me:pw').toString('base64')}`;
        if (!good || url.searchParams.get('scope') !== 'repository:team/app:pull') {
          response.writeHead(401).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"t0k"}');
        return;
      }
      if (request.headers.authorization !== 'Bearer t0k') {
        const { port } = server!.address() as { port: number };
        response
          .writeHead(401, {
            'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test",scope="repository:team/app:pull"`,
          })
          .end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"tags":["1.0"]}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { domain: `127.0.0.1:${port}`, seen };
  }

  it('follows a Bearer challenge to a pull token, once for parallel requests', async () => {
    const { domain, seen } = await tokenRegistry();
    const client = createRepositoryClient({
      domain,
      repository: 'team/app',
      secret: { kind: 'password', username: 'me', password: 'pw' },
    });
    const answers = await Promise.all([
      client.request('GET', 'tags/list'),
      client.request('GET', 'tags/list'),
    ]);
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
      [200, '{"tags":["1.0"]}'],
      [200, '{"tags":["1.0"]}'],
    ]);
    expect(seen.filter((line) => line.startsWith('GET /token'))).toEqual([
      'GET /token?service=test&scope=repository%3Ateam%2Fapp%3Apull',
    ]);
  });

  it('answers parallel requests to a Basic registry with the login, however their refusals interleave', async () => {
    const basic = `Basic ${Buffer.from('me:pw').toString('base64')}`;
    server = createServer((request, response) => {
      if (request.headers.authorization !== basic)
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end();
      else response.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = createRepositoryClient({
      domain: `127.0.0.1:${port}`,
      repository: 'a',
      secret: { kind: 'password', username: 'me', password: 'pw' },
    });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => client.request('HEAD', 'manifests/1.0')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  });

  it('says the stored login was refused when the token service refuses it', async () => {
    const { domain } = await tokenRegistry();
    const client = createRepositoryClient({
      domain,
      repository: 'team/app',
      secret: { kind: 'password', username: 'me', password: 'wrong' },
    });
    const error = await client.request('GET', 'tags/list').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryRequestError);
    expect((error as RegistryRequestError).problem).toMatchObject({ kind: 'unauthorized', withLogin: true });
  });

  it('says a login is needed when a Basic registry is asked without one', async () => {
    server = createServer((_request, response) =>
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end(),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = createRepositoryClient({ domain: `127.0.0.1:${port}`, repository: 'a', secret: null });
    const error = await client.request('HEAD', 'blobs/sha256:0').catch((caught: unknown) => caught);
    expect((error as RegistryRequestError).problem).toMatchObject({ kind: 'unauthorized', withLogin: false });
  });

  it('says the registry did not answer when nothing listens', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    const client = createRepositoryClient({ domain: `127.0.0.1:${port}`, repository: 'a', secret: null });
    const error = await client.request('GET', 'tags/list').catch((caught: unknown) => caught);
    expect((error as RegistryRequestError).problem).toMatchObject({ kind: 'unreachable' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
