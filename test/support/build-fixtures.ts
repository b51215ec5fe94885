import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import type { BuildRequest } from '../../src/shared/builds/build-request';
import type { TestServices } from './main-services';

/** Writes a build context folder with the given files and returns its path. */
export function makeContext(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-ctx-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A full build request with the defaults the form would send. */
export function buildRequest(contextDir: string, overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    contextDir,
    dockerfile: null,
    tags: [],
    buildArgs: {},
    target: null,
    noCache: false,
    pull: false,
    platform: null,
    labels: { 'dev.dockwright.test': '1' },
    builder: 'classic',
    ...overrides,
  };
}

/** Starts a build through the handler table and returns its saved record once it has finished. */
export async function buildAndWait(app: TestServices, request: BuildRequest): Promise<BuildRecord> {
  const started = await app.value('build:start', request);
  await app.services.builds.settled(started.id);
  return app.value('history:get', { id: started.id });
}
