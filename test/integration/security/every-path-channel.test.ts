/**
 * Issue #13, "Done when": no channel returns or writes a byte outside the folders and files the
 * user picked. Every request channel of the contract with a path-like field is listed below,
 * found by walking the zod schemas (a new path field that is not listed fails the first test),
 * and each is called with hostile paths: `..` segments, links to /etc and to files outside the
 * picked folder, /dev/zero, FIFOs and relative paths.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestSchemas, type RequestChannel } from '../../../src/shared/api';
import type { Result } from '../../../src/shared/result';
import { startStubEngine, type StubEngine } from '../../unit/support/stub-engine';
import { createSecurityRig, mkfifo, SENTINEL, type SecurityRig } from './security-rig';

/** Field names that may hold a path on the host. */
const PATH_LIKE = /path|dir|file|folder|source|target|docker/i;

/** Every `channel.field` (arrays as `field[]`) of the contract whose name looks like a path. */
function pathLikeFields(): string[] {
  const found: string[] = [];
  /** `at` is `channel:` at the top, then `channel:field.` and so on. */
  const walk = (schema: z.core.$ZodType, at: string): void => {
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      for (const [key, child] of Object.entries(def['shape'] as Record<string, z.core.$ZodType>)) {
        const field = at.endsWith(':') ? `${at}${key}` : `${at}.${key}`;
        if (PATH_LIKE.test(key)) found.push(field);
        walk(child, field);
      }
    } else if (def.type === 'array') walk(def['element'] as z.core.$ZodType, `${at}[]`);
    else if (def.type === 'union') for (const option of def['options'] as z.core.$ZodType[]) walk(option, at);
    else if (def.type === 'pipe') walk(def['in'] as z.core.$ZodType, at);
    else if ('innerType' in def) walk(def['innerType'] as z.core.$ZodType, at);
  };
  for (const [channel, schema] of Object.entries(requestSchemas)) walk(schema, `${channel}:`);
  return [...new Set(found)];
}

type Kind = 'read-file' | 'write-file' | 'folder';

interface PathField {
  kind: Kind;
  /** The name a link or FIFO planted in the picked folder gets (file kinds). */
  name?: string;
  /** The request with `value` in the path field. */
  input(value: string, picked: string): unknown;
  /** Files inside a picked folder the channel reads (folder kind): a hostile one must be refused. */
  reads?: string[];
  /** When a refusal may be a success that says "nothing there" (a modification time of null). */
  refusedAs?(result: Result<unknown>): boolean;
}

const build = (field: 'contextDir' | 'dockerfile') => (value: string, picked: string) =>
  field === 'contextDir'
    ? { contextDir: value, dockerfile: null }
    : { contextDir: picked, dockerfile: value };
const BUILD_READS = ['Dockerfile', '.dockerignore'];

/** Every path field, with how to call it. Keys are `channel:field`. */
const PATH_FIELDS: Record<string, PathField> = {
  'images:save:path': { kind: 'write-file', name: 'image.tar', input: (path) => ({ ref: 'alpine:3', path }) },
  'images:load:path': { kind: 'read-file', name: 'image.tar', input: (path) => ({ path }) },
  'dockerfile:open:path': { kind: 'read-file', name: 'Dockerfile', input: (path) => ({ path }) },
  'dockerfile:mtime:path': {
    kind: 'read-file',
    name: 'Dockerfile',
    input: (path) => ({ path }),
    refusedAs: (result) => !result.ok || (result.value as { mtimeMs: unknown }).mtimeMs === null,
  },
  'dockerfile:save:path': {
    kind: 'write-file',
    name: 'Dockerfile',
    input: (path) => ({ path, text: 'FROM alpine\n', expectedMtimeMs: null }),
  },
  'wizard:detect:dir': { kind: 'folder', input: (dir) => ({ dir }), reads: [] },
  'wizard:read-files:dir': { kind: 'folder', input: (dir) => ({ dir }), reads: BUILD_READS },
  'wizard:write-files:dir': {
    kind: 'folder',
    input: (dir) => ({
      dir,
      dockerfile: 'FROM alpine\n',
      dockerignore: '.git\n',
      expected: { dockerfile: 'FROM alpine:3\n', dockerignore: null },
    }),
    reads: BUILD_READS,
  },
  'fs:list-folders:path': { kind: 'folder', input: (path) => ({ path }), reads: [] },
  'build:outline-dockerfile:contextDir': {
    kind: 'folder',
    input: build('contextDir'),
    reads: ['Dockerfile'],
  },
  'build:outline-dockerfile:dockerfile': {
    kind: 'read-file',
    name: 'Dockerfile',
    input: build('dockerfile'),
  },
  'build:summarize-context:contextDir': { kind: 'folder', input: build('contextDir'), reads: BUILD_READS },
  'build:summarize-context:dockerfile': { kind: 'read-file', name: 'Dockerfile', input: build('dockerfile') },
  'build:ignore-paths:contextDir': {
    kind: 'folder',
    input: (contextDir) => ({ contextDir, patterns: ['node_modules'] }),
    reads: BUILD_READS,
  },
  'build:start:contextDir': { kind: 'folder', input: build('contextDir'), reads: BUILD_READS },
  'build:start:dockerfile': { kind: 'read-file', name: 'Dockerfile', input: build('dockerfile') },
  'cache:predict:contextDir': { kind: 'folder', input: build('contextDir'), reads: BUILD_READS },
  'cache:predict:dockerfile': { kind: 'read-file', name: 'Dockerfile', input: build('dockerfile') },
  // A build saved in the history (see beforeEach): its log is what the channel writes.
  'history:save-log:path': {
    kind: 'write-file',
    name: 'build.log',
    input: (path) => ({ id: SAVED_BUILD, path }),
  },
  // Checked before the image is read: a refused path never reaches the engine.
  'packages:export:path': {
    kind: 'write-file',
    name: 'sbom.json',
    input: (path) => ({ ref: 'alpine:3', format: 'spdx', path }),
  },
};

/** Path-like names that are not a host path main reads or writes, and why. */
const NOT_READ_OR_WRITTEN: Record<string, string> = {
  'dialog:save-file:defaultPath': 'only a suggestion to the OS dialog, which returns what the user picks',
  'dialog:pick-folder:defaultPath': 'only a suggestion to the OS dialog, which returns what the user picks',
  'dialog:pick-file:defaultPath': 'only a suggestion to the OS dialog, which returns what the user picks',
  'wizard:write-files:dockerfile': 'the text to write, not a path',
  'wizard:write-files:dockerignore': 'the text to write, not a path',
  'wizard:write-files:expected.dockerfile': 'the text the user was shown, not a path',
  'wizard:write-files:expected.dockerignore': 'the text the user was shown, not a path',
  'build:start:target': 'a build stage name',
  'cache:predict:target': 'a build stage name',
  'cache:predict:dockerfileText': 'the editor’s unsaved Dockerfile text, predicted and never written',
  'images:tag:source': 'an image reference',
  'images:tag:target': 'an image reference',
  'run:start:mounts[].source':
    'a host folder the user types for the engine to bind-mount; main never opens it (the engine does, as for docker run -v)',
  'run:start:mounts[].target': 'a path inside the container',
  'terminal:open:workdir': 'a folder inside the container, where the engine starts the process',
};

describe('the table of path channels', () => {
  it('lists every path-like field of the contract, each either tested below or explained', () => {
    const fields = pathLikeFields();

    const unlisted = fields.filter((field) => !(field in PATH_FIELDS) && !(field in NOT_READ_OR_WRITTEN));
    const stale = [...Object.keys(PATH_FIELDS), ...Object.keys(NOT_READ_OR_WRITTEN)].filter(
      (field) => !fields.includes(field),
    );
    expect(unlisted).toEqual([]);
    expect(stale).toEqual([]);
  });
});

interface HostileCase {
  name: string;
  /** Plants what the case needs and returns the value for the path field. */
  plant(rig: SecurityRig, fileName: string): string;
}

const link = (target: string) => (rig: SecurityRig, name: string) => {
  const path = join(rig.picked, name);
  symlinkSync(target.replace('<outside>', rig.outside), path);
  return path;
};

/** Paths that name a file to read; every one must be refused. */
const READ_CASES: HostileCase[] = [
  { name: '/etc/passwd', plant: () => '/etc/passwd' },
  { name: '.. up to /etc/passwd', plant: (rig) => `${rig.picked}/../../../../../../../../../../etc/passwd` },
  { name: '.. over to a file outside', plant: (rig) => `${rig.picked}/sub/../../outside/secret.txt` },
  { name: 'a link to /etc/passwd', plant: link('/etc/passwd') },
  { name: 'a link to /etc', plant: link('/etc') },
  { name: 'a link to a file outside', plant: link('<outside>/secret.txt') },
  { name: '/dev/zero', plant: () => '/dev/zero' },
  { name: 'a link to /dev/zero', plant: link('/dev/zero') },
  {
    name: 'a FIFO',
    plant: (rig, name) => {
      mkfifo(join(rig.picked, name));
      return join(rig.picked, name);
    },
  },
  { name: 'a relative name', plant: (_rig, name) => name },
  { name: 'a relative path up to /etc/passwd', plant: () => '../../../../../../../../etc/passwd' },
  {
    name: '.. onto a link to /etc/passwd',
    plant: (rig, name) => {
      mkdirSync(join(rig.picked, 'sub'));
      symlinkSync('/etc/passwd', join(rig.picked, name));
      return `${rig.picked}/sub/../${name}`;
    },
  },
];

/** Paths that name a file to write; every one must be refused, and nothing outside changes. */
const WRITE_CASES: HostileCase[] = [
  {
    name: 'a link to a file outside',
    plant: (rig, name) => link(`<outside>/victim${extension(name)}`)(rig, name),
  },
  { name: 'a link to /etc', plant: link('/etc') },
  { name: 'a link to /dev/null', plant: link('/dev/null') },
  {
    name: 'a FIFO',
    plant: (rig, name) => {
      mkfifo(join(rig.picked, name));
      return join(rig.picked, name);
    },
  },
  {
    name: 'a folder',
    plant: (rig, name) => {
      mkdirSync(join(rig.picked, name));
      return join(rig.picked, name);
    },
  },
  { name: 'a relative name', plant: (_rig, name) => name },
  { name: '.. over to a file outside', plant: (rig) => `${rig.picked}/../outside/bashrc` },
];

function extension(name: string): string {
  return name.endsWith('.tar') ? '.tar' : '.Dockerfile';
}

/** Picked folders with something hostile inside (or paths that are no folder at all). */
interface FolderCase extends HostileCase {
  /** The file of the folder the case makes hostile; null when the path itself is the problem. */
  hostile: string | null;
}

const folderWith = (name: string, make: (path: string, rig: SecurityRig) => void) => (rig: SecurityRig) => {
  writeFileSync(join(rig.picked, 'app.txt'), 'hello\n');
  if (name !== 'Dockerfile') writeFileSync(join(rig.picked, 'Dockerfile'), 'FROM alpine:3\n');
  make(join(rig.picked, name), rig);
  return rig.picked;
};

const FOLDER_CASES: FolderCase[] = [
  ...(['.dockerignore', 'Dockerfile'] as const).flatMap((file): FolderCase[] => [
    {
      name: `${file} -> /etc/passwd`,
      hostile: file,
      plant: folderWith(file, (path) => symlinkSync('/etc/passwd', path)),
    },
    {
      name: `${file} -> /dev/zero`,
      hostile: file,
      plant: folderWith(file, (path) => symlinkSync('/dev/zero', path)),
    },
    { name: `${file} as a FIFO`, hostile: file, plant: folderWith(file, (path) => mkfifo(path)) },
    {
      name: `${file} -> a file outside`,
      hostile: file,
      plant: folderWith(file, (path, rig) => symlinkSync(join(rig.outside, 'bashrc'), path)),
    },
    { name: `${file} as a folder`, hostile: file, plant: folderWith(file, (path) => mkdirSync(path)) },
  ]),
  {
    name: 'project files linked outside (package.json, .nvmrc, go.mod)',
    hostile: null,
    plant: folderWith('package.json', (path, rig) => {
      symlinkSync(join(rig.outside, 'secret.txt'), path);
      symlinkSync(join(rig.outside, 'secret.txt'), join(rig.picked, '.nvmrc'));
      mkfifo(join(rig.picked, 'go.mod'));
      symlinkSync(rig.outside, join(rig.picked, 'cmd'));
    }),
  },
  { name: 'a relative folder', hostile: 'path', plant: () => 'picked' },
  { name: 'the current folder', hostile: 'path', plant: () => '.' },
  { name: '/dev/zero', hostile: 'path', plant: () => '/dev/zero' },
  {
    name: 'a FIFO',
    hostile: 'path',
    plant: (rig) => {
      mkfifo(join(rig.picked, 'pipe'));
      return join(rig.picked, 'pipe');
    },
  },
];

const PASSWD = '/etc/passwd';
const passwdHash = () => createHash('sha256').update(readFileSync(PASSWD)).digest('hex');
const passwdBefore = passwdHash();
afterAll(() => expect(passwdHash()).toBe(passwdBefore));

/** The id of a finished build whose record the rig's history holds, so its log can be saved. */
const SAVED_BUILD = 'security-saved-build';

let rig: SecurityRig;
let engine: StubEngine;
beforeEach(async () => {
  rig = createSecurityRig();
  await rig.history.save({
    id: SAVED_BUILD,
    request: {
      contextDir: rig.picked,
      dockerfile: null,
      tags: [],
      buildArgs: {},
      target: null,
      noCache: false,
      pull: false,
      platform: null,
      labels: {},
      builder: 'auto',
    },
    dockerfilePath: join(rig.picked, 'Dockerfile'),
    builder: 'classic',
    status: 'succeeded',
    startedAt: 1_000,
    endedAt: 2_000,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 0,
    cachedSteps: 0,
    steps: [],
    stepLogs: {},
    warnings: [],
    dockerfileText: 'FROM alpine:3\n',
    log: 'Step 1/1 : FROM alpine:3\n',
  });
  // An engine that says yes to everything: only Dockwright's own checks stand in the way.
  engine = await startStubEngine(({ url }) =>
    url.includes('/get')
      ? { status: 200, body: 'ARCHIVE-BYTES' }
      : url.includes('/images/load')
        ? { status: 200, body: { stream: 'Loaded image: x:1\n' } }
        : { status: 200, body: {} },
  );
  rig.connection.docker = engine.docker;
});
afterEach(async () => {
  await engine.close();
  rig.dispose();
});

/** A hanging FIFO read fails here, quickly, instead of stalling the suite. */
const quickly = { timeout: 5_000 };

/** Calls and checks what must hold for every hostile call: no leak, no write outside, no hang. */
async function attack(channel: string, input: unknown): Promise<Result<unknown>> {
  const before = rig.outsideSnapshot();
  const result = await rig.dispatch(channel, input);
  const answer = JSON.stringify(result);
  expect(answer).not.toContain(SENTINEL);
  expect(answer.toLowerCase()).not.toContain(SENTINEL.toLowerCase());
  expect(answer).not.toMatch(/root:[^:]*:0:0:/);
  expect(rig.outsideSnapshot()).toEqual(before);
  return result;
}

const refused = (field: PathField, result: Result<unknown>) => (field.refusedAs ?? ((r) => !r.ok))(result);

for (const [key, field] of Object.entries(PATH_FIELDS)) {
  const channel = key.slice(0, key.lastIndexOf(':')) as RequestChannel;
  describe(key, () => {
    if (field.kind === 'folder') {
      it.each(FOLDER_CASES)('holds with $name', quickly, async (hostileCase) => {
        const value = hostileCase.plant(rig, '');
        const result = await attack(channel, field.input(value, rig.picked));
        const mustRefuse =
          hostileCase.hostile === 'path' ||
          (hostileCase.hostile !== null && (field.reads ?? []).includes(hostileCase.hostile));
        if (mustRefuse) {
          expect(result.ok).toBe(false);
          expect(engine.requests).toEqual([]);
        }
      });
      return;
    }
    const cases = field.kind === 'read-file' ? READ_CASES : WRITE_CASES;
    it.each(cases)('refuses $name', quickly, async (hostileCase) => {
      const value = hostileCase.plant(rig, field.name!);
      const result = await attack(channel, field.input(value, rig.picked));
      expect(refused(field, result), JSON.stringify(result)).toBe(true);
      expect(engine.requests).toEqual([]);
    });
  });
}

describe('history:save-log:path, the control', () => {
  it('writes the saved log to a plain file in the picked folder, so its refusals above are the path’s', async () => {
    const path = join(rig.picked, 'build.log');
    const result = await attack('history:save-log', { id: SAVED_BUILD, path });
    expect(result).toEqual({ ok: true, value: { bytes: 25 } });
    expect(readFileSync(path, 'utf8')).toBe('Step 1/1 : FROM alpine:3\n');
  });
});
