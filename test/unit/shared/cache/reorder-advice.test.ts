/**
 * The reorder advice a cascade into a dependency install gets: the Dockerfile with the manifests
 * copied and installed before the broad COPY, which still parses and keeps the install cached.
 */
import { describe, expect, it } from 'vitest';
import type { BuildCacheInputs, CachedFile, ReorderAdvice } from '../../../../src/shared/cache/cache-model';
import { explainBuildCache, predictBuildCache } from '../../../../src/shared/cache/explain-cache';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { file, outcomeOf, record, type BuildSpec } from './cache-fixtures';

interface AdviceCase {
  name: string;
  dockerfile: string;
  /** The broad COPY's text (key of its files). */
  copy: string;
  before: ReturnType<typeof file>[];
  after: ReturnType<typeof file>[];
  /** The expected advice's Dockerfile and manifests, or null for none. */
  advice: { manifests: string[]; dockerfile: string } | null;
}

const APP_V1 = file('app.py', 'v1', 400);
const APP_V2 = file('app.py', 'v2', 400);
const REQUIREMENTS = file('requirements.txt', 'flask');

const CASES: AdviceCase[] = [
  {
    name: 'pip install -r after COPY . .',
    dockerfile:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
    copy: 'COPY . .',
    before: [REQUIREMENTS, APP_V1],
    after: [REQUIREMENTS, APP_V2],
    advice: {
      manifests: ['requirements.txt'],
      dockerfile:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    },
  },
  {
    name: 'npm ci with its lock file, an ENV between moving along, comments and continuations kept',
    dockerfile: [
      'FROM node:20',
      'WORKDIR /srv',
      '# the sources',
      'COPY --chown=node:node . /srv',
      'ENV NODE_ENV=production',
      'RUN npm ci \\',
      '    --omit=dev',
      'EXPOSE 3000',
      'CMD ["node", "index.js"]',
    ].join('\n'),
    copy: 'COPY --chown=node:node . /srv',
    before: [file('package.json', '{}'), file('package-lock.json', 'lock'), file('index.js', 'a')],
    after: [file('package.json', '{}'), file('package-lock.json', 'lock'), file('index.js', 'b')],
    advice: {
      manifests: ['package.json', 'package-lock.json'],
      dockerfile: [
        'FROM node:20',
        'WORKDIR /srv',
        '# the sources',
        'COPY --chown=node:node package.json package-lock.json ./',
        'ENV NODE_ENV=production',
        'RUN npm ci \\',
        '    --omit=dev',
        'COPY --chown=node:node . /srv',
        'EXPOSE 3000',
        'CMD ["node", "index.js"]',
      ].join('\n'),
    },
  },
  {
    name: 'go mod download with a cd into a copied folder, CRLF line ends kept',
    dockerfile:
      'FROM golang:1.22\r\nCOPY backend/ /src/\r\nRUN cd /src && go mod download\r\nRUN cd /src && go build .\r\n',
    copy: 'COPY backend/ /src/',
    before: [file('backend/go.mod', 'm'), file('backend/main.go', 'a')],
    after: [file('backend/go.mod', 'm'), file('backend/main.go', 'b')],
    advice: {
      manifests: ['backend/go.mod'],
      dockerfile:
        'FROM golang:1.22\r\nCOPY backend/go.mod /src/\r\nRUN cd /src && go mod download\r\nCOPY backend/ /src/\r\nRUN cd /src && go build .\r\n',
    },
  },
  {
    name: 'no advice when the manifest itself changed: the install had to run',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n',
    copy: 'COPY . .',
    before: [REQUIREMENTS, APP_V1],
    after: [file('requirements.txt', 'flask==3.1'), APP_V1],
    advice: null,
  },
  {
    name: 'no advice when a lock file changed',
    dockerfile: 'FROM node:20\nWORKDIR /srv\nCOPY . .\nRUN npm ci\n',
    copy: 'COPY . .',
    before: [file('package.json', '{}'), file('package-lock.json', 'a'), file('index.js', 'a')],
    after: [file('package.json', '{}'), file('package-lock.json', 'b'), file('index.js', 'b')],
    advice: null,
  },
  {
    name: 'no advice for pip install . (it needs the sources)',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install .\n',
    copy: 'COPY . .',
    before: [file('pyproject.toml', 'p'), APP_V1],
    after: [file('pyproject.toml', 'p'), APP_V2],
    advice: null,
  },
  {
    name: 'no advice when the install also runs the sources',
    dockerfile:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && python setup.py build\n',
    copy: 'COPY . .',
    before: [REQUIREMENTS, APP_V1],
    after: [REQUIREMENTS, APP_V2],
    advice: null,
  },
  {
    name: 'no advice when the manifest is not among the copied files',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY src/ .\nRUN pip install -r requirements.txt\n',
    copy: 'COPY src/ .',
    before: [file('src/app.py', 'a')],
    after: [file('src/app.py', 'b')],
    advice: null,
  },
  {
    name: 'no advice when a WORKDIR sits between the COPY and the install',
    dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n',
    copy: 'COPY . /app',
    before: [REQUIREMENTS, APP_V1],
    after: [REQUIREMENTS, APP_V2],
    advice: null,
  },
  {
    name: 'no advice for a cascade into a step that is no dependency install',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN python -m compileall .\n',
    copy: 'COPY . .',
    before: [REQUIREMENTS, APP_V1],
    after: [REQUIREMENTS, APP_V2],
    advice: null,
  },
];

const spec = (dockerfile: string, copy: string, files: CachedFile[]): BuildSpec => ({
  dockerfile,
  files: { [copy]: files },
});

/** The advice the install step (the first RUN after the broad COPY) gets, in the explanation and the forecast. */
function adviceOf(row: AdviceCase): { explained: ReorderAdvice | null; predicted: ReorderAdvice | null } {
  const previous = {
    id: 'b1',
    startedAt: 0,
    inputs: record(spec(row.dockerfile, row.copy, row.before)),
    stepDurationsMs: {},
  };
  const current: BuildCacheInputs = record(spec(row.dockerfile, row.copy, row.after));
  const copyLine = current.steps.find((step) => step.resolvedText === row.copy)!.line;
  const install = current.steps.find((step) => step.keyword === 'RUN' && step.line > copyLine)!;
  const explanation = explainBuildCache({
    previous,
    current,
    outcome: outcomeOf(current, (step) => step.line >= copyLine),
    dockerfileText: row.dockerfile,
  });
  const prediction = predictBuildCache({ previous, current, dockerfileText: row.dockerfile });
  const pick = (steps: typeof explanation.steps): ReorderAdvice | null => {
    const reason = steps.find((step) => step.line === install.line)!.reason;
    if (reason.kind !== 'cascade') throw new Error(`the install step is ${reason.kind}, not a cascade`);
    expect(reason.fromLine).toBe(copyLine);
    return reason.advice;
  };
  return { explained: pick(explanation.steps), predicted: pick(prediction.steps) };
}

describe('reorder advice', () => {
  it.each(CASES)('$name', (row) => {
    const { explained, predicted } = adviceOf(row);
    expect(predicted).toEqual(explained);
    if (row.advice === null) {
      expect(explained).toBeNull();
      return;
    }
    expect(explained).not.toBeNull();
    expect(explained!.manifests).toEqual(row.advice.manifests);
    expect(explained!.dockerfileText).toBe(row.advice.dockerfile);
    const analysis = analyzeDockerfile(row.dockerfile);
    const copy = analysis.instructions.find(
      (instruction) => instruction.text.replace(/\s+/g, ' ') === row.copy,
    )!;
    expect(explained!.broadCopyLine).toBe(copy.line);
    expect(explained!.installLine).toBeGreaterThan(copy.line);
  });

  it.each(CASES.filter((row) => row.advice !== null))(
    'the reordered Dockerfile analyses cleanly with one instruction more: $name',
    (row) => {
      const before = analyzeDockerfile(row.dockerfile);
      const after = analyzeDockerfile(adviceOf(row).explained!.dockerfileText);
      expect(after.errors).toEqual([]);
      expect(after.stages).toHaveLength(before.stages.length);
      expect(after.instructions).toHaveLength(before.instructions.length + 1);
      expect(after.instructions.map((instruction) => instruction.text).sort()).toEqual(
        expect.arrayContaining(before.instructions.map((instruction) => instruction.text).sort()),
      );
    },
  );

  it('keeps the install cached once applied: a source edit then only reruns the broad COPY and what follows', () => {
    const row = CASES[0]!;
    const reordered = adviceOf(row).explained!.dockerfileText;
    const build = (app: ReturnType<typeof file>): BuildSpec => ({
      dockerfile: reordered,
      files: { 'COPY requirements.txt ./': [REQUIREMENTS], 'COPY . .': [REQUIREMENTS, app] },
    });
    const prediction = predictBuildCache({
      previous: { id: 'b2', startedAt: 0, inputs: record(build(APP_V1)), stepDurationsMs: {} },
      current: record(build(APP_V2)),
      dockerfileText: reordered,
    });
    expect(prediction.steps.map((step) => [step.instruction, step.reason.kind])).toEqual([
      ['FROM python:3.12-slim', 'cached'],
      ['WORKDIR /app', 'cached'],
      ['COPY requirements.txt ./', 'cached'],
      ['RUN pip install -r requirements.txt', 'cached'],
      ['COPY . .', 'files-changed'],
      ['CMD ["python", "app.py"]', 'cascade'],
    ]);
  });
});
