/**
 * Which Dockerfile line made each history entry of an image, and which entries are the base
 * image's (the facts about both builders' history that this relies on are in layer-history).
 */
import type {
  DockerfileAnalysis,
  DockerfileInstruction,
  DockerfileStage,
} from '../dockerfile/analyze-dockerfile';
import { stagesForTarget } from '../dockerfile/analyze-dockerfile';
import { instructionKeyword, type LayerEntry } from './layer-history';

const SCORE_EXACT = 4;
const SCORE_SHELL_SUFFIX = 3.5;
const SCORE_DESTINATION = 3;
const SCORE_KEYWORD = 2;
const SCORE_BARE_RUN = 1;
const SCORE_MISMATCH = -1;
const SCORE_GAP = -1.2;
/** Above this many cells the alignment falls back to position (histories are never this long in practice). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/**
 * Marks which entries come from the base image and which Dockerfile line made each other entry.
 *
 * The entries of the image map to the non-FROM instructions of the target's FROM chain (the
 * target stage and the stages it is built `FROM`; `COPY --from` sources add no history),
 * after the base image's entries. The alignment scores each pairing by how well the cleaned
 * `CreatedBy` matches the instruction (same text, same COPY destination, same keyword) and
 * falls back to position where nothing matches, so an ONBUILD that BuildKit does not record or
 * the LABEL entries classic adds for build-option labels leave the rest in place.
 */
export function mapHistoryToDockerfile(
  entries: LayerEntry[],
  analysis: DockerfileAnalysis,
  target: string | null,
): LayerEntry[] {
  const instructions = fromChainInstructions(analysis, target);
  const reset = entries.map((entry) => ({ ...entry, fromBaseImage: false, dockerfileLine: null }));
  if (instructions.length === 0) return reset;
  const pairs = alignHistory(reset, instructions);
  const firstOwn = pairs.firstOwnEntry;
  return reset.map((entry, index) => ({
    ...entry,
    fromBaseImage: index < firstOwn,
    dockerfileLine: pairs.lineOf[index] ?? null,
  }));
}

/** The non-FROM instructions of the target stage and the stages it is built FROM, base first. */
function fromChainInstructions(analysis: DockerfileAnalysis, target: string | null): DockerfileInstruction[] {
  const needed = stagesForTarget(analysis, target);
  if (needed.length === 0) return [];
  const targetStage =
    target === null ? analysis.stages.at(-1) : needed.find((stage) => sameStageName(stage, target));
  const chain: DockerfileStage[] = [];
  let stage: DockerfileStage | undefined = targetStage;
  while (stage && !chain.includes(stage)) {
    chain.unshift(stage);
    const base = stage.baseImage.toLowerCase();
    // FROM can only name a stage above it; a later name is an image.
    stage = [...analysis.stages.slice(0, stage.index)].reverse().find((s) => s.name?.toLowerCase() === base);
  }
  return chain.flatMap((s) => s.instructions.filter((instruction) => instruction.keyword !== 'FROM'));
}

function sameStageName(stage: DockerfileStage, name: string): boolean {
  return stage.name?.toLowerCase() === name.toLowerCase() || String(stage.index) === name;
}

interface Alignment {
  /** Index of the first entry after the base image's. */
  firstOwnEntry: number;
  lineOf: Array<number | null>;
}

function alignHistory(entries: LayerEntry[], instructions: DockerfileInstruction[]): Alignment {
  const n = entries.length;
  const m = instructions.length;
  const lineOf: Array<number | null> = entries.map(() => null);
  if ((n + 1) * (m + 1) > MAX_ALIGNMENT_CELLS) {
    const first = Math.max(0, n - m);
    for (let i = first; i < n; i++) lineOf[i] = instructions[i - (n - m)]?.line ?? null;
    return { firstOwnEntry: first, lineOf };
  }
  const entryKeys = entries.map((entry) => comparable(entry.instruction));
  const instructionKeys = instructions.map((instruction) => comparable(instruction.text));
  const width = m + 1;
  const score = new Float64Array((n + 1) * width).fill(Number.NEGATIVE_INFINITY);
  // 0 = from (i-1, j) skipping an entry, 1 = from (i, j-1) skipping an instruction, 2 = pair.
  const move = new Uint8Array((n + 1) * width);
  score[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.NEGATIVE_INFINITY;
      let from = 0;
      if (i > 0) {
        // Entries before the first instruction are the base image's: free.
        const candidate = score[(i - 1) * width + j]! + (j === 0 ? 0 : SCORE_GAP);
        if (candidate > best) [best, from] = [candidate, 0];
      }
      if (j > 0) {
        const candidate = score[i * width + j - 1]! + SCORE_GAP;
        if (candidate > best) [best, from] = [candidate, 1];
      }
      if (i > 0 && j > 0) {
        const candidate =
          score[(i - 1) * width + j - 1]! + pairScore(entryKeys[i - 1]!, instructionKeys[j - 1]!);
        if (candidate >= best) [best, from] = [candidate, 2];
      }
      score[i * width + j] = best;
      move[i * width + j] = from;
    }
  }
  let i = n;
  let j = m;
  while (j > 0) {
    const from = move[i * width + j];
    if (from === 2) {
      lineOf[i - 1] = instructions[j - 1]!.line;
      i--;
      j--;
    } else if (from === 1) {
      j--;
    } else {
      i--;
    }
  }
  // Once every instruction is placed, what is left before them is the base image.
  return { firstOwnEntry: i, lineOf };
}

interface Comparable {
  keyword: string | null;
  /** Arguments with whitespace collapsed, leading --flags dropped, exec arrays joined. */
  args: string;
  /** COPY/ADD destination, trailing slash dropped. */
  destination: string | null;
}

function comparable(text: string): Comparable {
  const keyword = instructionKeyword(text);
  let args = (keyword ? text.replace(/^\S+\s*/, '') : text).replace(/\s+/g, ' ').trim();
  if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') args = args.replace(/^(?:--\S+\s*)+/, '');
  args = joinExecForm(args);
  if (keyword === 'RUN' || keyword === null) args = args.replace(/^\/bin\/sh -c /, '');
  let destination: string | null = null;
  if (keyword === 'COPY' || keyword === 'ADD') {
    const classic = /(?:file|dir|multi):[0-9a-f]+ in (.+)$/.exec(args);
    destination = (classic ? classic[1]! : (args.split(' ').at(-1) ?? '')).replace(/(.)\/$/, '$1');
  }
  return { keyword, args, destination };
}

/** `["a", "b"]` (Dockerfile) and `["a" "b"]` / `[a b]` (Go's printing in history) all become `a b`. */
function joinExecForm(args: string): string {
  if (!args.startsWith('[') || !args.endsWith(']')) return args;
  const quoted = args.match(/"(?:[^"\\]|\\.)*"/g);
  if (!quoted) return args.slice(1, -1).trim();
  try {
    return quoted.map((token) => JSON.parse(token) as string).join(' ');
  } catch {
    return args;
  }
}

function pairScore(entry: Comparable, instruction: Comparable): number {
  if (entry.keyword === null) {
    if (instruction.keyword !== 'RUN') return SCORE_MISMATCH;
    if (entry.args === instruction.args) return SCORE_EXACT;
    return entry.args.endsWith(` ${instruction.args}`) ? SCORE_SHELL_SUFFIX : SCORE_BARE_RUN;
  }
  if (entry.keyword !== instruction.keyword) return SCORE_MISMATCH;
  if (entry.args === instruction.args) return SCORE_EXACT;
  // A RUN after SHELL keeps that shell's prefix in the history.
  if (entry.keyword === 'RUN' && instruction.args !== '' && entry.args.endsWith(` ${instruction.args}`))
    return SCORE_SHELL_SUFFIX;
  if (entry.destination !== null && entry.destination === instruction.destination) return SCORE_DESTINATION;
  return SCORE_KEYWORD;
}
