import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppFileServer } from '../../../../src/main/shell/serve-app-file';
import { CONTENT_SECURITY_POLICY } from '../../../../src/shared/content-security-policy';

function rendererFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'dw-app-files-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'void 0;');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  return renderer;
}

describe('createAppFileServer', () => {
  const serve = createAppFileServer(rendererFolder());

  it('serves the renderer’s files with their type and the content security policy', async () => {
    const page = await serve(new Request('dockwright://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toBe('<!doctype html>');
    expect((await serve(new Request('dockwright://app/assets/app.js'))).headers.get('content-type')).toMatch(
      /javascript/,
    );
  });

  it.each([
    'dockwright://app/%2e%2e/secret.txt',
    'dockwright://app/..%2fsecret.txt',
    'dockwright://app/nothing.js',
  ])('answers 404 for %s', async (url) => {
    const answer = await serve(new Request(url));
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe('Not found');
  });
});
