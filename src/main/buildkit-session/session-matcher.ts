/*
 * The include/exclude filter the engine asks for in a DiffCopy call, in fsutil's terms
 * (tonistiigi/fsutil filter.go, 6d9dc2ebad626eb645fb587f14225b3aa96ec010): a path is sent when
 * it matches the include patterns (if any) and not the exclude patterns; both are
 * moby/patternmatcher lists, matched with the parent folder's results. It plugs into the
 * context walker as a DockerignoreMatcher so both transports share one walker.
 */
import {
  cleanPath,
  DockerignoreMatcher,
  trimGoSpace,
  type ParentMatches,
} from '../context/dockerignore-matcher';

/** patternmatcher's view of one pattern: cleaned text without `!`, and whether it is an exception. */
function patternTexts(patterns: readonly string[]): Array<{ text: string; exclusion: boolean }> {
  const result: Array<{ text: string; exclusion: boolean }> = [];
  for (const raw of patterns) {
    const trimmed = trimGoSpace(raw);
    if (trimmed === '') continue;
    const cleaned = cleanPath(trimmed);
    result.push(
      cleaned.startsWith('!')
        ? { text: cleaned.slice(1), exclusion: true }
        : { text: cleaned, exclusion: false },
    );
  }
  return result;
}

/** fsutil patternWithoutTrailingGlob: `dir/**` and `dir/*` still let the walker prune by prefix. */
function withoutTrailingGlob(text: string): string {
  if (text.endsWith('/**')) return text.slice(0, -3);
  if (text.endsWith('/*')) return text.slice(0, -2);
  return text;
}

/** Characters that make a pattern more than a literal prefix, for fsutil's pruning shortcut. */
const PATTERN_CHARS = /[*[\]?^\\]/;

interface Side {
  matcher: DockerignoreMatcher;
  texts: Array<{ text: string; exclusion: boolean }>;
  /** fsutil onlyPrefixIncludes / onlyPrefixExcludeExceptions. */
  onlyPrefixes: boolean;
}

function side(patterns: readonly string[] | null, prefixesOf: 'includes' | 'exceptions'): Side | null {
  if (!patterns || patterns.length === 0) return null;
  const texts = patternTexts(patterns);
  const considered = texts.filter((pattern) => pattern.exclusion === (prefixesOf === 'exceptions'));
  return {
    matcher: new DockerignoreMatcher([...patterns]),
    texts,
    onlyPrefixes: !considered.some((pattern) => PATTERN_CHARS.test(withoutTrailingGlob(pattern.text))),
  };
}

/** Whether a literal pattern of the kind could match below `dir` (fsutil's prefix test). */
function prefixReaches(texts: Side['texts'], exclusion: boolean, dir: string): boolean {
  const dirSlash = `${dir}/`;
  return texts.some(
    (pattern) =>
      pattern.exclusion === exclusion && `${withoutTrailingGlob(pattern.text)}/`.startsWith(dirSlash),
  );
}

/**
 * A DockerignoreMatcher whose "excluded" means "not sent in this DiffCopy". Throws
 * DockerignorePatternError for a pattern patternmatcher would reject.
 */
export class SessionMatcher extends DockerignoreMatcher {
  private readonly include: Side | null;
  private readonly exclude: Side | null;
  private last: { path: string; included: boolean; excluded: boolean } | null = null;

  constructor(includePatterns: readonly string[] | null, excludePatterns: readonly string[] | null) {
    super([]);
    this.include = side(includePatterns, 'includes');
    this.exclude = side(excludePatterns, 'exceptions');
  }

  override walkMatch(path: string, parent: ParentMatches | null): { excluded: boolean; matches: boolean[] } {
    const includeCount = this.include?.matcher.size ?? 0;
    const include = this.include?.matcher.walkMatch(path, parent ? parent.slice(0, includeCount) : null);
    const exclude = this.exclude?.matcher.walkMatch(path, parent ? parent.slice(includeCount) : null);
    const included = include ? include.excluded : true;
    const excluded = exclude ? exclude.excluded : false;
    this.last = { path, included, excluded };
    return {
      excluded: !included || excluded,
      matches: [...(include?.matches ?? []), ...(exclude?.matches ?? [])],
    };
  }

  /** Called right after walkMatch for a folder that is not sent: whether anything inside may be. */
  override mustEnter(dirPath: string): boolean {
    const last = this.last?.path === dirPath ? this.last : null;
    if (!last) return true;
    if (
      this.include &&
      !last.included &&
      this.include.onlyPrefixes &&
      !prefixReaches(this.include.texts, false, dirPath)
    ) {
      return false;
    }
    if (this.exclude && last.excluded && this.exclude.onlyPrefixes) {
      if (!this.exclude.matcher.hasExclusions) return false;
      if (!prefixReaches(this.exclude.texts, true, dirPath)) return false;
    }
    return true;
  }
}
