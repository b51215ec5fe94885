/**
 * Which Dockerfile stage and instruction a BuildKit vertex name points at (see
 * parse-buildkit-status.ts for how BuildKit names vertexes, recorded per engine in
 * test/unit/fixtures/build-streams).
 */
import type {
  DockerfileAnalysis,
  DockerfileInstruction,
  DockerfileStage,
} from '../dockerfile/analyze-dockerfile';

/** Instructions that always make a vertex; FROM and WORKDIR depend on their argument. */
const VERTEX_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** The instructions of a stage that make a vertex, in the order BuildKit numbers them. */
export function instructionsWithVertex(
  dockerfile: DockerfileAnalysis,
  stage: DockerfileStage,
): DockerfileInstruction[] {
  const list: DockerfileInstruction[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'FROM') {
      if (!fromMakesVertex(dockerfile, stage)) continue;
    } else if (instruction.keyword === 'WORKDIR') {
      if (isRootDirectory(instruction.text.slice('WORKDIR'.length).trim())) continue;
    } else if (!VERTEX_KEYWORDS.has(instruction.keyword)) {
      continue;
    }
    list.push(instruction);
  }
  return list;
}

export function fromMakesVertex(dockerfile: DockerfileAnalysis, stage: DockerfileStage): boolean {
  const base = stage.baseImage.toLowerCase();
  if (base === 'scratch') return false;
  return !dockerfile.stages.some((other) => other.index < stage.index && other.name?.toLowerCase() === base);
}

export function isRootDirectory(path: string): boolean {
  const unquoted = path.replace(/^"(.*)"$/, '$1');
  if (!unquoted.startsWith('/') || unquoted.includes('$')) return false;
  const parts: string[] = [];
  for (const part of unquoted.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length === 0;
}

/**
 * The stage a FROM vertex belongs to: the one it is named after when that stage starts from an
 * image, else (a name another build gave the shared vertex) the first stage on the same image.
 */
export function fromStageOf(
  dockerfile: DockerfileAnalysis,
  printed: string | null,
  instruction: string,
): DockerfileStage | null {
  const named = findStage(dockerfile, printed);
  if (named && fromMakesVertex(dockerfile, named)) return named;
  const image = imageKey(instruction.trim().split(/\s+/)[1] ?? '');
  return (
    dockerfile.stages.find(
      (stage) => fromMakesVertex(dockerfile, stage) && imageKey(stage.baseImage) === image,
    ) ?? null
  );
}

/** An image reference without what BuildKit adds or leaves out: `docker.io/library/`, `:latest`, `@sha256:…`. */
function imageKey(reference: string): string {
  let name = reference.toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  name = name.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return /:[^/]+$/.test(name) ? name : `${name}:latest`;
}

export function findStage(dockerfile: DockerfileAnalysis, printed: string | null): DockerfileStage | null {
  const { stages } = dockerfile;
  if (printed === null) return stages.length === 1 ? (stages[0] ?? null) : null;
  const wanted = printed.toLowerCase();
  const named = stages.find((stage) => stage.name?.toLowerCase() === wanted);
  if (named) return named;
  const numbered = /^stage-(\d+)$/.exec(printed);
  return numbered ? (stages[Number(numbered[1])] ?? null) : null;
}

/** The stage label without a Dockerfile: `stage-2` → `2`; no name means the only stage, `0`. */
export function stageLabelWithout(printed: string | null): string {
  if (printed === null) return '0';
  return /^stage-(\d+)$/.exec(printed)?.[1] ?? printed;
}
