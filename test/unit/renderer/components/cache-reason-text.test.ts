import { describe, expect, it } from 'vitest';
import type { CacheReason, FileChange, ReorderAdvice } from '../../../../src/shared/cache/cache-model';
import {
  cacheReasonText,
  cacheSummaryText,
  changedFileList,
  clockTime,
  diffWords,
  FILES_IN_LIST,
  manifestCopyLine,
  predictionCheckText,
  shortDigest,
  type ReasonContext,
} from '../../../../src/renderer/components/cache-reason-text';

const past: ReasonContext = {
  previousStartedAt: 1000,
  tense: 'past',
  stepName: (line) => `step ${line}`,
  timeOf: () => '10:42',
};
const future: ReasonContext = { ...past, tense: 'future' };

const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\n';
const REORDERED =
  'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . /app\n';
const advice: ReorderAdvice = {
  broadCopyLine: 3,
  installLine: 4,
  manifests: ['requirements.txt'],
  dockerfileText: REORDERED,
};

const change = (path: string, kind: FileChange['change'], bytes: number): FileChange => ({
  path,
  change: kind,
  bytes,
});

describe('cacheReasonText', () => {
  it('names the changed files biggest first, three of them, with the time of the build compared with', () => {
    const reason: CacheReason = {
      kind: 'files-changed',
      changes: [
        change('notes.txt', 'deleted', 10),
        change('app.py', 'modified', 900),
        change('static/site.css', 'added', 500),
        change('README.md', 'mode', 20),
      ],
      total: 4,
      truncated: false,
    };
    expect(cacheReasonText(reason, past)).toBe(
      '4 files changed since the build of 10:42: app.py (modified), static/site.css (added), README.md (permissions changed), …',
    );
  });

  it('says one file in the singular and adds no ellipsis when every file is named', () => {
    const reason: CacheReason = {
      kind: 'files-changed',
      changes: [change('app.py', 'modified', 30)],
      total: 1,
      truncated: false,
    };
    expect(cacheReasonText(reason, past)).toBe('1 file changed since the build of 10:42: app.py (modified)');
  });

  it('says "the last build" when the time of the build compared with is unknown', () => {
    const reason: CacheReason = { kind: 'files-changed', changes: [], total: 0, truncated: true };
    expect(cacheReasonText(reason, { ...past, previousStartedAt: null })).toBe(
      'files changed since the last build',
    );
  });

  it('points at the step whose change cascaded and quotes the COPY the reordered Dockerfile adds', () => {
    const reason: CacheReason = { kind: 'cascade', fromLine: 3, fromInstruction: 'COPY . /app', advice };
    expect(cacheReasonText(reason, past, DOCKERFILE)).toBe(
      'ran because step 3 (`COPY . /app`) changed — move `COPY requirements.txt .` and this RUN above it to keep it cached',
    );
  });

  it('says only the cause of a cascade that comes with no advice, in the future for a prediction', () => {
    const reason: CacheReason = {
      kind: 'cascade',
      fromLine: 2,
      fromInstruction: 'RUN apt-get update',
      advice: null,
    };
    expect(cacheReasonText(reason, past)).toBe('ran because step 2 (`RUN apt-get update`) changed');
    expect(cacheReasonText(reason, future)).toBe('will run because step 2 (`RUN apt-get update`) changes');
  });

  it('says what each other cause is, in words', () => {
    const cases: [CacheReason, string][] = [
      [{ kind: 'cached' }, 'from cache'],
      [{ kind: 'no-cache' }, '“Don’t use the cache” was on'],
      [{ kind: 'first-build' }, 'first build of this Dockerfile'],
      [{ kind: 'instruction-changed', before: 'RUN a', after: 'RUN b' }, 'its instruction changed'],
      [
        { kind: 'arg-changed', name: 'VERSION', before: '1.2', after: '1.3' },
        'build argument VERSION changed 1.2 → 1.3',
      ],
      [
        { kind: 'arg-changed', name: 'VERSION', before: null, after: '1.3' },
        'build argument VERSION changed (unset) → 1.3',
      ],
      [
        {
          kind: 'base-image-changed',
          image: 'python:3.12-slim',
          before: `sha256:${'a'.repeat(64)}`,
          after: `sha256:${'b'.repeat(64)}`,
        },
        'the base image python:3.12-slim is now a different image (sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb)',
      ],
      [
        { kind: 'engine-had-no-cache' },
        'inputs unchanged — the engine had no cache for this step (pruned, another builder, or evicted)',
      ],
    ];
    for (const [reason, text] of cases) expect(cacheReasonText(reason, past)).toBe(text);
  });

  it('speaks of the next build in a prediction', () => {
    expect(cacheReasonText({ kind: 'cached' }, future)).toBe('will come from cache');
    expect(cacheReasonText({ kind: 'no-cache' }, future)).toBe('“Don’t use the cache” is on');
  });
});

describe('manifestCopyLine', () => {
  it('falls back to copying the manifests into the workdir when the reordered text adds no COPY', () => {
    expect(
      manifestCopyLine(
        { ...advice, manifests: ['package.json', 'package-lock.json'], dockerfileText: DOCKERFILE },
        DOCKERFILE,
      ),
    ).toBe('COPY package.json package-lock.json ./');
  });
});

describe('changedFileList', () => {
  it('caps the expanded list and says how many it left out', () => {
    const changes = Array.from({ length: FILES_IN_LIST + 5 }, (_, index) =>
      change(`f${index}`, 'added', index),
    );
    const list = changedFileList({
      kind: 'files-changed',
      changes,
      total: FILES_IN_LIST + 20,
      truncated: false,
    });
    expect(list.shown).toHaveLength(FILES_IN_LIST);
    expect(list.shown[0]).toBe(`f${FILES_IN_LIST + 4} (added)`);
    expect(list.more).toBe('and 20 more files');
  });

  it('says a capped record may hide more changes', () => {
    const list = changedFileList({
      kind: 'files-changed',
      changes: [change('a', 'added', 1)],
      total: 1,
      truncated: true,
    });
    expect(list.more).toMatch(/capped/);
  });

  it('adds nothing under a whole list', () => {
    const list = changedFileList({
      kind: 'files-changed',
      changes: [change('a', 'added', 1)],
      total: 1,
      truncated: false,
    });
    expect(list).toEqual({ shown: ['a (added)'], more: null });
  });
});

describe('cacheSummaryText', () => {
  it('counts cached steps and the time the cache saved', () => {
    expect(cacheSummaryText({ steps: 9, cached: 7, savedMs: 41_200 })).toBe(
      '7 of 9 steps cached, 41 s saved',
    );
    expect(cacheSummaryText({ steps: 3, cached: 1, savedMs: 2_340 })).toBe(
      '1 of 3 steps cached, 2.3 s saved',
    );
    expect(cacheSummaryText({ steps: 3, cached: 2, savedMs: 95_000 })).toBe(
      '2 of 3 steps cached, 1 min 35 s saved',
    );
  });

  it('claims no saving without an earlier build, with nothing cached or when the cached steps took no time before', () => {
    expect(cacheSummaryText({ steps: 1, cached: 0, savedMs: null })).toBe('0 of 1 step cached');
    expect(cacheSummaryText({ steps: 4, cached: 0, savedMs: 0 })).toBe('0 of 4 steps cached');
    expect(cacheSummaryText({ steps: 4, cached: 2, savedMs: 0 })).toBe('2 of 4 steps cached');
  });
});

describe('diffWords', () => {
  it('marks the words that went and came, keeping the rest', () => {
    expect(
      diffWords('RUN pip install -r requirements.txt', 'RUN pip install --no-cache-dir -r requirements.txt'),
    ).toEqual([
      { kind: 'same', text: 'RUN pip install' },
      { kind: 'added', text: '--no-cache-dir' },
      { kind: 'same', text: '-r requirements.txt' },
    ]);
    expect(diffWords('RUN echo 1', 'RUN echo 2')).toEqual([
      { kind: 'same', text: 'RUN echo' },
      { kind: 'removed', text: '1' },
      { kind: 'added', text: '2' },
    ]);
  });
});

describe('shortDigest and clockTime', () => {
  it('keeps the algorithm and twelve hex digits', () => {
    expect(shortDigest(`sha256:${'0123456789abcdef'.repeat(4)}`)).toBe('sha256:0123456789ab');
  });

  it('gives the clock time for a build today and the date too for an older one', () => {
    const today = new Date(2026, 10, 30, 10, 42).getTime();
    expect(clockTime(today, new Date(2026, 10, 30, 18, 0).getTime())).toBe('10:42');
    expect(clockTime(today, new Date(2026, 11, 2, 9, 0).getTime())).toBe('30 Nov 10:42');
  });

  it('adds the seconds when asked (two builds in one minute)', () => {
    const at = new Date(2026, 10, 30, 10, 42, 7).getTime();
    expect(clockTime(at, at, true)).toBe('10:42:07');
  });
});

describe('predictionCheckText', () => {
  const name = (line: number) => `step ${line - 1}`;
  it.each([
    [{ compared: 0, matched: 0, misses: [] }, ''],
    [{ compared: 1, matched: 1, misses: [] }, '“What will rebuild?” was right for the one step'],
    [{ compared: 6, matched: 6, misses: [] }, '“What will rebuild?” was right for all 6 steps'],
    [
      {
        compared: 6,
        matched: 5,
        misses: [
          {
            line: 5,
            instruction: 'RUN pip install -r requirements.txt',
            predictedCached: true,
            cached: false,
          },
        ],
      },
      '“What will rebuild?” was wrong for 1 of 6 steps: step 4 (`RUN pip install -r requirements.txt`) ran; it said it would come from cache',
    ],
    [
      {
        compared: 9,
        matched: 4,
        misses: [2, 3, 4, 5, 6].map((line) => ({
          line,
          instruction: `WORKDIR /a/very/long/path/that/goes/on/and/on/and/on/${line}`,
          predictedCached: false,
          cached: true,
        })),
      },
      '“What will rebuild?” was wrong for 5 of 9 steps: step 1 (`WORKDIR /a/very/long/path/that/goes/on/and/on/a…`) came from cache; it said it would run; ' +
        'step 2 (`WORKDIR /a/very/long/path/that/goes/on/and/on/a…`) came from cache; it said it would run; ' +
        'step 3 (`WORKDIR /a/very/long/path/that/goes/on/and/on/a…`) came from cache; it said it would run; 2 more',
    ],
  ])('%j', (check, text) => {
    expect(predictionCheckText(check, name)).toBe(text);
  });
});

describe('a cascade from a changed base image', () => {
  it('says the image changed rather than naming the FROM line', () => {
    const reason: CacheReason = {
      kind: 'cascade',
      fromLine: 1,
      fromInstruction: 'FROM python:3.12-slim',
      advice: null,
      baseImage: {
        image: 'python:3.12-slim',
        before: `sha256:${'a'.repeat(64)}`,
        after: `sha256:${'b'.repeat(64)}`,
      },
    };
    expect(cacheReasonText(reason, past)).toBe(
      `ran because the base image python:3.12-slim is now a different image (${shortDigest(`sha256:${'a'.repeat(64)}`)} → ${shortDigest(`sha256:${'b'.repeat(64)}`)})`,
    );
  });
});
