import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { mimeTypeFor } from '../mime-type';

/**
 * Answers the app scheme's requests with files of the renderer folder, each with the CSP header
 * (pages loaded from file:// cannot carry one). Paths leaving the folder are not found.
 */
export function createAppFileServer(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = normalize(join(rendererDir, decodeURIComponent(new URL(request.url).pathname)));
    if (!path.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(path), {
        headers: { 'content-type': mimeTypeFor(path), 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
