/**
 * Turns a version requirement from a project file (`>=3.10`, `^20.11`, `18 || 20`, `~=3.11`) into
 * one image tag version the wizard offers.
 */

type Version = number[];

/**
 * The version to prefill: `preferred` when it satisfies `spec`, else the highest candidate that does,
 * else the first version written in `spec` (so an unusual requirement still reaches the tag); null
 * when the spec names no version at all.
 *
 * Alternatives are separated by `||`, requirements within one by `,` or spaces. Versions compare on
 * the precision both sides have: candidate `3.10` satisfies `>=3.10.2`, as some 3.10 patch does.
 */
export function pickVersion(spec: string, candidates: readonly string[], preferred: string): string | null {
  const alternatives = spec
    .split('||')
    .map(requirements)
    .filter((checks) => checks.length > 0);
  if (alternatives.length === 0) return null;
  const satisfies = (candidate: string): boolean =>
    alternatives.some((checks) => checks.every((check) => check(parse(candidate))));
  if (satisfies(preferred)) return preferred;
  const match = candidates.find(satisfies);
  if (match) return match;
  return /\d+(\.\d+)?/.exec(spec)?.[0] ?? null;
}

function parse(text: string): Version {
  return text
    .replace(/^v/i, '')
    .split('.')
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

/** -1, 0, 1 comparing on the shorter precision. */
function compare(left: Version, right: Version): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function requirements(alternative: string): ((candidate: Version) => boolean)[] {
  const parts = alternative.match(/(>=|<=|==|~=|!=|>|<|=|\^|~)?\s*v?\d+(?:\.(?:\d+|x|\*))*/g) ?? [];
  return parts.map((part) => {
    const operator = /^(>=|<=|==|~=|!=|>|<|=|\^|~)/.exec(part)?.[1] ?? '';
    const version = parse(
      part
        .slice(operator.length)
        .trim()
        .replace(/\.[x*].*$/, ''),
    );
    switch (operator) {
      case '>=':
        return (candidate) => compare(candidate, version) >= 0;
      case '>':
        // `>3.9` means a later 3.x too; on the shorter precision 3.9 equals 3.9.1, so compare fully.
        return (candidate) =>
          compare(candidate, version) > 0 ||
          (candidate.length < version.length && compare(candidate, version) === 0);
      case '<=':
        return (candidate) => compare(candidate, version) <= 0;
      case '<':
        return (candidate) => compare(candidate, version) < 0;
      case '!=':
        // `!=3.12.1` leaves other 3.12 patches, so only a requirement as precise as the candidate excludes it.
        return (candidate) => version.length > candidate.length || compare(candidate, version) !== 0;
      case '^':
        return (candidate) => candidate[0] === version[0] && compare(candidate, version) >= 0;
      case '~=':
        // Compatible release: same leading parts but the last one.
        return (candidate) =>
          compare(candidate, version) >= 0 &&
          compare(candidate, version.slice(0, Math.max(1, version.length - 1))) === 0;
      case '~':
        return (candidate) =>
          compare(candidate, version.slice(0, 2)) === 0 && compare(candidate, version) >= 0;
      default:
        return (candidate) => compare(candidate, version) === 0;
    }
  });
}
