/**
 * Issue #20, wasted bytes → verified fixes, on the rig engine through the real handler table (and
 * on the second engine with DW_TEST_TARGET=engine2): three images built with known waste — apt
 * lists downloaded by one RUN and deleted by the next (on the Debian stand-in, whose apt reaches
 * the machine's mirror), 5,000,000 random bytes written to a tarball and deleted later, and a
 * recursive chown of COPY'd files. Each finding must name its lines and bytes, the proposed fix
 * must verify (`waste:verify-fix`), and the fixed Dockerfile, applied and rebuilt, must be smaller
 * with the same final files.
 *
 * Ground truth comes from the engine and the docker CLI, not from the app: the bytes the writer
 * layer holds (`find … -exec stat` in a container of the writer's image), image sizes from
 * `docker image inspect`, and the final files from `md5sum` of every file in containers of both
 * images (plus `stat` of owners and modes for the chown case).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import type { WasteStatus } from '../../src/shared/layers/layers-view';
import type { WasteFixEvent, WasteFixVerification } from '../../src/shared/layers/waste-fix-verification';
import { proposeWasteFix } from '../../src/shared/layers/waste-fixes';
import type { WasteFinding, WasteReport } from '../../src/shared/layers/waste-report';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const repo = `${TEST_PREFIX}/waste-fix`;
const containerdStore = rig.target === 'engine2';
const ARCHIVE_BYTES = 5_000_000;
const tags: string[] = [];

async function settledWaste(app: TestServices, imageId: string): Promise<WasteReport> {
  for (let i = 0; i < 1200; i++) {
    const latest = app.events
      .filter((event) => event.event === 'waste:event')
      .map((event) => (event.payload as { imageId: string; status: WasteStatus }).status)
      .filter((status) => status.imageId === imageId)
      .at(-1);
    if (latest?.state === 'done') return latest.report;
    if (latest && latest.state !== 'running' && latest.state !== 'waiting')
      throw new Error(`wasted-space search ended ${latest.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No wasted-space result for ${imageId} within 120 s`);
}

async function verified(
  app: TestServices,
  id: string,
): Promise<{ result: WasteFixVerification; steps: string[] }> {
  for (let i = 0; i < 3000; i++) {
    const events = app.events
      .filter((event) => event.event === 'waste-fix:event')
      .map((event) => event.payload as { id: string; event: WasteFixEvent })
      .filter((payload) => payload.id === id)
      .map((payload) => payload.event);
    const last = events.at(-1);
    if (last?.kind === 'done')
      return {
        result: last.result,
        steps: events.flatMap((event) => (event.kind === 'step' ? [event.step] : [])),
      };
    if (last && last.kind !== 'step') throw new Error(`verification ended: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('No verification result within 300 s');
}

/** Sum of the sizes of the regular files under `path` in a container of `image` (the CLI's own run). */
async function bytesUnder(image: string, path: string): Promise<number> {
  const out = await dockerCli(rig.dockerHost, [
    'run',
    '--rm',
    '--entrypoint',
    'find',
    image,
    path,
    '-type',
    'f',
    '-exec',
    'stat',
    '-c',
    '%s',
    '{}',
    ';',
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .reduce((total, size) => total + Number(size), 0);
}

/** `md5sum` of every file of the image by path (files the engine mounts into a container left out). */
async function finalFiles(image: string): Promise<Map<string, string>> {
  const out = await dockerCli(rig.dockerHost, [
    'run',
    '--rm',
    '--entrypoint',
    'sh',
    image,
    '-c',
    'find / -xdev -type f ! -path /etc/hostname ! -path /etc/hosts ! -path /etc/resolv.conf -print0 | xargs -0 md5sum',
  ]);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(34), line.slice(0, 32)] as const),
  );
}

/** Paths whose digests differ between two `finalFiles` listings, or that only one has. */
function differing(x: Map<string, string>, y: Map<string, string>): string[] {
  return [...new Set([...x.keys(), ...y.keys()])].filter((path) => x.get(path) !== y.get(path)).sort();
}

async function owners(image: string, path: string): Promise<string> {
  return dockerCli(rig.dockerHost, [
    'run',
    '--rm',
    '--entrypoint',
    'find',
    image,
    path,
    '-exec',
    'stat',
    '-c',
    '%u:%g %a %n',
    '{}',
    ';',
  ]);
}

const size = async (ref: string): Promise<number> => (await docker.getImage(ref).inspect()).Size;
const exists = (ref: string): Promise<boolean> =>
  docker
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      () => false,
    );

interface Scenario {
  name: string;
  /** Built on the Debian stand-in, which only the private engine may hold. */
  needsStandIn: boolean;
  base: () => Promise<string>;
  files: Record<string, string>;
  dockerfile: (base: string) => string;
  finding: (writerImage: string) => Promise<Partial<WasteFinding>>;
  writerLines: number;
  fixed: (base: string) => string;
  ownersUnder: string | null;
  /** Files the CLI's md5sum finds different after any rerun of the writer (not the fix's doing). */
  runToRun: string[];
}

const SITE_FILES = Object.fromEntries(
  Array.from({ length: 4 }, (_, index) => [
    `site/page-${index}.html`,
    `<p>${index}</p>\n`.repeat(4000 + index),
  ]),
);

const SCENARIOS: Scenario[] = [
  {
    name: 'apt lists removed in a later RUN',
    needsStandIn: true,
    base: async () => {
      await ensurePythonStandIn(docker);
      return 'python:3.11-slim';
    },
    files: {},
    dockerfile: (base) =>
      `FROM ${base}\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nCMD ["python3"]\n`,
    writerLines: 2,
    finding: async (writer) => ({
      bytes: await bytesUnder(writer, '/var/lib/apt/lists'),
      how: 'deleted',
      writer: expect.objectContaining({ line: 2, lineText: 'RUN apt-get update' }) as WasteFinding['writer'],
      remover: expect.objectContaining({
        line: 3,
        lineText: 'RUN rm -rf /var/lib/apt/lists/*',
      }) as WasteFinding['remover'],
    }),
    fixed: (base) => `FROM ${base}\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nCMD ["python3"]\n`,
    ownersUnder: null,
    runToRun: ['/var/cache/apt/pkgcache.bin', '/var/cache/apt/srcpkgcache.bin'],
  },
  {
    name: 'a tarball created and deleted in a later RUN',
    needsStandIn: false,
    base: async () => rig.baseImage,
    files: {},
    dockerfile: (base) =>
      `FROM ${base}\nRUN mkdir -p /tmp && head -c ${ARCHIVE_BYTES} /dev/urandom > /tmp/data.tar\n# tidy up\nRUN rm -f /tmp/data.tar\n`,
    writerLines: 2,
    finding: async () => ({
      bytes: ARCHIVE_BYTES,
      how: 'deleted',
      paths: ['/tmp/data.tar'],
      writer: expect.objectContaining({ line: 2 }) as WasteFinding['writer'],
      remover: expect.objectContaining({
        line: 4,
        lineText: 'RUN rm -f /tmp/data.tar',
      }) as WasteFinding['remover'],
    }),
    fixed: (base) =>
      `FROM ${base}\nRUN mkdir -p /tmp && head -c ${ARCHIVE_BYTES} /dev/urandom > /tmp/data.tar && rm -f /tmp/data.tar\n# tidy up\n`,
    ownersUnder: null,
    runToRun: [],
  },
  {
    name: "a recursive chown of COPY'd files",
    needsStandIn: false,
    base: async () => rig.baseImage,
    files: SITE_FILES,
    dockerfile: (base) =>
      `FROM ${base}\nRUN mkdir -p /etc && echo app:x:1234:1234::/:/bin/sh >> /etc/passwd && echo app:x:1234: >> /etc/group\nCOPY site/ /srv/site/\nRUN chown -R app:app /srv/site\n`,
    writerLines: 3,
    finding: async () => ({
      bytes: Object.values(SITE_FILES).reduce((total, text) => total + Buffer.byteLength(text), 0),
      how: 'overwritten',
      writer: expect.objectContaining({
        line: 3,
        lineText: 'COPY site/ /srv/site/',
      }) as WasteFinding['writer'],
      remover: expect.objectContaining({
        line: 4,
        lineText: 'RUN chown -R app:app /srv/site',
      }) as WasteFinding['remover'],
    }),
    fixed: (base) =>
      `FROM ${base}\nRUN mkdir -p /etc && echo app:x:1234:1234::/:/bin/sh >> /etc/passwd && echo app:x:1234: >> /etc/group\nCOPY --chown=app:app site/ /srv/site/\n`,
    ownersUnder: '/srv/site',
    runToRun: [],
  },
];

describe('wasted bytes → verified fixes', () => {
  let app: TestServices;

  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });

  afterAll(async () => {
    app?.dispose();
    for (const tag of tags)
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  describe.each(SCENARIOS)('$name', (scenario) => {
    let base: string;
    let context: string;
    let original: BuildRecord;
    let report: WasteReport;
    const skipped =
      scenario.needsStandIn && rig.mode !== 'private'
        ? `needs the Debian stand-in of the private engine: ${rig.limitation}`
        : null;
    const slug = scenario.name.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');

    beforeAll(async () => {
      if (skipped) return;
      base = await scenario.base();
      context = makeContext({ Dockerfile: scenario.dockerfile(base), ...scenario.files });
      tags.push(`${repo}:${slug}-before`, `${repo}:${slug}-writer`, `${repo}:${slug}-after`);
      original = await buildAndWait(
        app,
        buildRequest(context, { tags: [`${repo}:${slug}-before`], builder: 'buildkit' }),
      );
      expect(original.status, original.error?.message).toBe('succeeded');
      report = await settledWaste(app, original.imageId!);
    }, 300_000);

    it('names the writer and remover lines and the exact bytes', async (test) => {
      if (skipped) test.skip(skipped);
      // The writer's layer alone, from the same cache: what it holds is what the remover hid.
      const lines = scenario.dockerfile(base).split('\n').slice(0, scenario.writerLines).join('\n');
      writeFileSync(join(context, 'Writer.Dockerfile'), `${lines}\n`);
      await dockerCli(rig.dockerHost, [
        'build',
        '-q',
        '-f',
        join(context, 'Writer.Dockerfile'),
        '-t',
        `${repo}:${slug}-writer`,
        '--label',
        `${TEST_LABEL}=1`,
        context,
      ]);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject(await scenario.finding(`${repo}:${slug}-writer`));
      expect(report.ownWastedBytes).toBe(report.findings[0]!.bytes);
    }, 120_000);

    it('proposes the fix, verifies it on the engine and removes both images', async (test) => {
      if (skipped) test.skip(skipped);
      const text = scenario.dockerfile(base);
      const finding = report.findings[0]!;
      const proposal = proposeWasteFix(text, finding, report.findings);
      expect(proposal.reason).toBeNull();
      expect(proposal.fix!.text).toBe(scenario.fixed(base));
      expect(proposal.fix!.ownersUnder).toBe(scenario.ownersUnder);
      const { id } = await app.value('waste:verify-fix', {
        buildId: original.id,
        originalText: text,
        fixedText: proposal.fix!.text,
        wasted: finding.paths,
        ownersUnder: proposal.fix!.ownersUnder,
      });
      const { result, steps } = await verified(app, id);
      expect(steps).toEqual(['build-original', 'build-fixed', 'read-files', 'compare', 'clean-up']);
      expect(result.differences).toEqual([]);
      expect(result.ownership.differences).toEqual([]);
      expect(result.ownership.compared).toBe(scenario.ownersUnder !== null);
      expect(result.equivalent).toBe(true);
      expect(result.summary).toMatch(/ → .*, the same files apart from the .* removed/);
      if (!containerdStore) expect(result.beforeBytes - result.afterBytes).toBe(finding.bytes);
      else expect(result.afterBytes).toBeLessThan(result.beforeBytes);
      expect(await exists(result.images.before)).toBe(false);
      expect(await exists(result.images.after)).toBe(false);
      // The user's own image is never among those removed.
      expect(await exists(original.imageId!)).toBe(true);
    }, 300_000);

    it('applied and rebuilt, the image is smaller and holds the same files', async (test) => {
      if (skipped) test.skip(skipped);
      const fixed = scenario.fixed(base);
      writeFileSync(join(context, 'Dockerfile'), fixed);
      const after = await buildAndWait(
        app,
        buildRequest(context, { tags: [`${repo}:${slug}-after`], builder: 'buildkit' }),
      );
      expect(after.status, after.error?.message).toBe('succeeded');
      const [before, now] = [await size(original.imageId!), await size(after.imageId!)];
      if (!containerdStore) expect(before - now).toBe(report.findings[0]!.bytes);
      else expect(now).toBeLessThan(before);
      expect((await settledWaste(app, after.imageId!)).findings).toEqual([]);
      const [x, y] = [await finalFiles(original.imageId!), await finalFiles(after.imageId!)];
      expect(x.size).toBeGreaterThan(0);
      // apt's binary caches differ on every `apt-get update` (see RUN_TO_RUN); nothing else may.
      expect(differing(x, y)).toEqual(scenario.runToRun);
      if (scenario.ownersUnder)
        expect(await owners(after.imageId!, scenario.ownersUnder)).toBe(
          await owners(original.imageId!, scenario.ownersUnder),
        );
    }, 300_000);
  });
});
