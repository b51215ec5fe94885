import type {
  PredictionCheck,
  BuildCacheExplanation,
  CacheReason,
  FileChange,
  ReorderAdvice,
} from '@shared/cache/cache-model';
import { plural } from '@shared/plural';
import { diffLines } from './line-diff';

/** Changed files named in the one-line reason; the rest are behind "show all". */
export const FILES_IN_LINE = 3;
/** Changed files listed when the reason is expanded: a list past this helps nobody find the cause. */
export const FILES_IN_LIST = 50;

/** What a reason needs from around it, so the text stays a pure function. */
export interface ReasonContext {
  /** When the build compared with started (ms since epoch); null when none. */
  previousStartedAt: number | null;
  /** `past`: what a finished build did; `future`: what "What will rebuild?" expects. */
  tense: 'past' | 'future';
  /** How the user knows a step: `step 4` where the build numbered it, else `line 4`. */
  stepName(line: number): string;
  /** The clock time of a build, e.g. `10:42`. */
  timeOf(ms: number): string;
}

const CHANGE_WORD: Record<FileChange['change'], string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'deleted',
  mode: 'permissions changed',
};

/** Biggest first, as the issue asks: the file that costs most to send is most likely the cause. */
export function biggestFirst(changes: readonly FileChange[]): FileChange[] {
  return [...changes].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}

export function fileChangeText(change: FileChange): string {
  return `${change.path} (${CHANGE_WORD[change.change]})`;
}

/** `sha256:0123456789ab`: enough of an image id to tell two apart. */
export function shortDigest(id: string): string {
  const [algorithm, hex] = id.includes(':') ? id.split(':', 2) : ['sha256', id];
  return `${algorithm}:${hex!.slice(0, 12)}`;
}

/** `10:42` for a build today, `28 Nov 10:42` for an older one. */
export function clockTime(ms: number, now: number, seconds = false): string {
  const at = new Date(ms);
  const two = (value: number): string => String(value).padStart(2, '0');
  const time = `${two(at.getHours())}:${two(at.getMinutes())}${seconds ? `:${two(at.getSeconds())}` : ''}`;
  if (new Date(now).toDateString() === at.toDateString()) return time;
  const month = at.toLocaleString('en-GB', { month: 'short' });
  return `${at.getDate()} ${month} ${time}`;
}

/**
 * The COPY of the manifests as the reordered Dockerfile writes it (`COPY requirements.txt .`):
 * the line it adds. Falls back to the manifests alone when the advice's text adds no COPY.
 */
export function manifestCopyLine(advice: ReorderAdvice, dockerfileText: string): string {
  const added = diffLines(dockerfileText, advice.dockerfileText).find(
    (line) => line.kind === 'added' && /^\s*(COPY|ADD)\s/i.test(line.text),
  );
  return added ? added.text.trim() : `COPY ${advice.manifests.join(' ')} ./`;
}

const baseImageText = (change: { image: string; before: string; after: string }): string =>
  `the base image ${change.image} is now a different image (${shortDigest(change.before)} → ${shortDigest(change.after)})`;

const argValue = (value: string | null): string => (value === null ? '(unset)' : value);

/**
 * One line saying why a step ran (or will run), or that it came (or will come) from cache.
 * Backticked parts are code (`CodeSpans` shows them so).
 */
export function cacheReasonText(reason: CacheReason, context: ReasonContext, dockerfileText = ''): string {
  const past = context.tense === 'past';
  switch (reason.kind) {
    case 'cached':
      return past ? 'from cache' : 'will come from cache';
    case 'no-cache':
      return past ? '“Don’t use the cache” was on' : '“Don’t use the cache” is on';
    case 'first-build':
      return 'first build of this Dockerfile';
    case 'files-changed':
      return filesChangedText(reason, context);
    case 'instruction-changed':
      return 'its instruction changed';
    case 'arg-changed':
      return `build argument ${reason.name} changed ${argValue(reason.before)} → ${argValue(reason.after)}`;
    case 'base-image-changed':
      return baseImageText(reason);
    case 'cascade': {
      if (reason.baseImage) return `${past ? 'ran' : 'will run'} because ${baseImageText(reason.baseImage)}`;
      const cause = `${past ? 'ran' : 'will run'} because ${context.stepName(reason.fromLine)} (\`${reason.fromInstruction}\`) ${past ? 'changed' : 'changes'}`;
      if (!reason.advice) return cause;
      return `${cause} — move \`${manifestCopyLine(reason.advice, dockerfileText)}\` and this RUN above it to keep it cached`;
    }
    case 'engine-had-no-cache':
      return past
        ? 'inputs unchanged — the engine had no cache for this step (pruned, another builder, or evicted)'
        : 'inputs unchanged — but the engine may no longer have this step cached';
  }
}

function filesChangedText(
  reason: Extract<CacheReason, { kind: 'files-changed' }>,
  context: ReasonContext,
): string {
  const count = Math.max(reason.total, reason.changes.length);
  const since =
    context.previousStartedAt === null
      ? 'since the last build'
      : `since the build of ${context.timeOf(context.previousStartedAt)}`;
  const head = `${count > 0 ? plural(count, 'file') : 'files'} changed ${since}`;
  const named = biggestFirst(reason.changes).slice(0, FILES_IN_LINE).map(fileChangeText);
  if (named.length === 0) return head;
  return `${head}: ${named.join(', ')}${count > named.length ? ', …' : ''}`;
}

/** The expanded list under a files-changed reason: capped, biggest first, with what it left out. */
export function changedFileList(reason: Extract<CacheReason, { kind: 'files-changed' }>): {
  shown: string[];
  more: string | null;
} {
  const sorted = biggestFirst(reason.changes);
  const shown = sorted.slice(0, FILES_IN_LIST).map(fileChangeText);
  const total = Math.max(reason.total, reason.changes.length);
  const left = total - shown.length;
  if (left > 0) return { shown, more: `and ${plural(left, 'more file')}` };
  if (reason.truncated) return { shown, more: 'the list kept with the build was capped; there may be more' };
  return { shown, more: null };
}

function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * "7 of 9 steps cached, 41 s saved". No saving without an earlier build to measure it by, nor
 * when the cached steps were cached then too ("0 ms saved" reads like a fault).
 */
export function cacheSummaryText(summary: BuildCacheExplanation['summary']): string {
  const counted = `${summary.cached} of ${plural(summary.steps, 'step')} cached`;
  return summary.savedMs === null || summary.cached === 0 || summary.savedMs < 100
    ? counted
    : `${counted}, ${durationText(summary.savedMs)} saved`;
}

/**
 * The forecast checked after the build: right for every step, or which steps it got wrong and how.
 * Instructions are backticked, long ones cut.
 */
export function predictionCheckText(check: PredictionCheck, stepName: (line: number) => string): string {
  if (check.compared === 0) return '';
  if (check.misses.length === 0)
    return `“What will rebuild?” was right for ${check.compared === 1 ? 'the one step' : `all ${check.compared} steps`}`;
  const named = check.misses.slice(0, 3).map((miss) => {
    const instruction = miss.instruction.length > 48 ? `${miss.instruction.slice(0, 47)}…` : miss.instruction;
    const did = miss.cached ? 'came from cache' : 'ran';
    const said = miss.predictedCached ? 'come from cache' : 'run';
    return `${stepName(miss.line)} (\`${instruction}\`) ${did}; it said it would ${said}`;
  });
  const more = check.misses.length > named.length ? `; ${check.misses.length - named.length} more` : '';
  return `“What will rebuild?” was wrong for ${check.misses.length} of ${plural(check.compared, 'step')}: ${named.join('; ')}${more}`;
}

/** A piece of a word diff between two instructions. */
export interface WordDiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Word diff of an instruction before and after, by longest common subsequence of words (an
 * instruction is a few dozen words). Whitespace is kept with the word before it.
 */
export function diffWords(before: string, after: string): WordDiffPart[] {
  const a = before.trim().split(/\s+/).filter(Boolean);
  const b = after.trim().split(/\s+/).filter(Boolean);
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] =
        a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const parts: WordDiffPart[] = [];
  const push = (kind: WordDiffPart['kind'], word: string): void => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += ` ${word}`;
    else parts.push({ kind, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      push('removed', a[i]!);
      i++;
    } else {
      push('added', b[j]!);
      j++;
    }
  }
  return parts;
}
