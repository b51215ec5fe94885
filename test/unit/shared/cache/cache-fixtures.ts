/**
 * Builds `BuildCacheInputs` the way the recorder would, from a Dockerfile and a description of the
 * context, so the tests read as scenarios rather than as hand-written records.
 */
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import type {
  BuildCacheInputs,
  CachedFile,
  StepCacheExplanation,
  StepInputs,
} from '../../../../src/shared/cache/cache-model';
import type { PreviousBuild } from '../../../../src/shared/cache/explain-cache';

/** A context file: its content stands in for the sha256, the mode is keyed like the builders do. */
export function file(path: string, content: string, bytes = content.length, mode = '100644'): CachedFile {
  return { path, hash: `${Buffer.from(content).toString('hex')}:${mode}`, bytes };
}

export interface BuildSpec {
  dockerfile: string;
  /** The files each COPY/ADD from the context selected, keyed by the instruction's text. */
  files?: Record<string, CachedFile[]>;
  /** Instructions whose file list was capped. */
  truncated?: string[];
  buildArgs?: Record<string, string | null>;
  /** Image reference → the id the engine resolved. */
  baseIds?: Record<string, string>;
  noCache?: boolean;
  /** BuildKit unless said otherwise. */
  builder?: 'classic' | 'buildkit';
}

/** The inputs of a build of `spec`, as main records them. */
export function record(spec: BuildSpec): BuildCacheInputs {
  const analysis = analyzeDockerfile(spec.dockerfile);
  const steps: StepInputs[] = [];
  const files: BuildCacheInputs['files'] = {};
  for (const instruction of analysis.instructions) {
    if (instruction.stageIndex < 0) continue;
    const text = instruction.text.replace(/\s+/g, ' ').trim();
    const fromFlag = instruction.parsed.flags.find((flag) => flag.startsWith('--from='))?.slice(7);
    const fromStage =
      fromFlag === undefined
        ? null
        : (analysis.stages.find((stage) => stage.name === fromFlag || String(stage.index) === fromFlag)
            ?.index ?? null);
    let sources: StepInputs['sources'] = null;
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && fromStage === null) {
      const list = [...(spec.files?.[text] ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1));
      sources = { digest: JSON.stringify(list.map((entry) => [entry.path, entry.hash])), files: list.length };
      files[instruction.line] = { list, truncated: spec.truncated?.includes(text) ?? false };
    }
    const args: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(spec.buildArgs ?? {})) {
      if (new RegExp(`\\$\\{?${name}\\b`).test(text)) args[name] = value;
    }
    const stage = analysis.stages[instruction.stageIndex]!;
    const isImage = !analysis.stages.some(
      (other) => other.index < stage.index && other.name === stage.baseImage,
    );
    steps.push({
      line: instruction.line,
      stage: instruction.stageIndex,
      keyword: instruction.keyword,
      resolvedText: text,
      args,
      baseImageId:
        instruction.keyword === 'FROM' && isImage
          ? (spec.baseIds?.[stage.baseImage] ?? `sha256:${Buffer.from(stage.baseImage).toString('hex')}`)
          : null,
      sources,
      fromStage,
    });
  }
  return {
    version: 1,
    builder: spec.builder ?? 'buildkit',
    noCache: spec.noCache ?? false,
    dockerfilePath: 'Dockerfile',
    contextDir: '/work/app',
    steps,
    files,
  };
}

/** What the engine did: the steps `ran` says ran, the rest from cache (steps `hidden` says are left out, like BuildKit's ENV). */
export function outcomeOf(
  inputs: BuildCacheInputs,
  ran: (step: StepInputs, index: number) => boolean,
  hidden: (step: StepInputs) => boolean = () => false,
): Record<number, { cached: boolean; instruction: string }> {
  const outcome: Record<number, { cached: boolean; instruction: string }> = {};
  inputs.steps.forEach((step, index) => {
    if (!hidden(step)) outcome[step.line] = { cached: !ran(step, index), instruction: step.resolvedText };
  });
  return outcome;
}

// The scenarios' Dockerfiles and contexts.

export const PYTHON = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'CMD ["python", "app.py"]',
].join('\n');

export const PYTHON_FILES = [
  file('requirements.txt', 'flask==3.0\n'),
  file('app.py', 'print("hello")\n', 400),
  file('static/site.css', 'body{}', 900),
];

export const python = (changes: Partial<BuildSpec> = {}): BuildSpec => ({
  dockerfile: PYTHON,
  files: { 'COPY . .': PYTHON_FILES },
  ...changes,
});

export const withFile = (files: ReturnType<typeof file>[], replacement: ReturnType<typeof file>) => [
  ...files.filter((entry) => entry.path !== replacement.path),
  replacement,
];

export const GO = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN go build -o /out/app .',
  '',
  'FROM alpine:3.20',
  'COPY --from=build /out/app /usr/local/bin/app',
  'CMD ["app"]',
].join('\n');

export const GO_MODULE = [file('go.mod', 'module x'), file('go.sum', 'sum')];
export const GO_SOURCES = [...GO_MODULE, file('main.go', 'package main')];
export const go = (sources = GO_SOURCES): BuildSpec => ({
  dockerfile: GO,
  files: { 'COPY go.mod go.sum ./': GO_MODULE, 'COPY . .': sources },
});

export const ARGS = [
  'FROM python:3.12-slim',
  'ARG VERSION',
  'ARG OTHER',
  'RUN echo $VERSION > /version',
  'RUN echo done',
].join('\n');

export const previousOf = (spec: BuildSpec, durations: Record<number, number> = {}): PreviousBuild => ({
  id: 'build-1',
  startedAt: 1_700_000_000_000,
  inputs: record(spec),
  stepDurationsMs: durations,
});

export const kinds = (steps: StepCacheExplanation[]): string[] => steps.map((step) => step.reason.kind);
