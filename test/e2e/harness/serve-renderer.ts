import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/content-security-policy';
import { mimeTypeFor } from '../../../src/main/mime-type';

/** Serves the built renderer on 127.0.0.1 with the app's exact CSP header. */
export async function serveRenderer(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    const path = normalize(join(dir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!path.startsWith(dir + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(path).then(
      (data) => {
        response.writeHead(200, {
          'content-type': mimeTypeFor(path),
          'content-security-policy': CONTENT_SECURITY_POLICY,
        });
        response.end(data);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
