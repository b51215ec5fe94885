/**
 * Reading pip requirement specs (`Flask[async]>=2 ; python_version < "3.12"`): the distribution
 * they name, as pip compares names. Shared by detection and the Python template's cautions.
 */

/** A distribution name as pip compares it: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The distribution a requirement names, normalised, with its extras sorted:
 * `Fast_API[Standard]>=1` is `fast-api[standard]`; `-e git+https://…#egg=name` is `name`.
 * Null for comments, options, blank lines and bare URLs or paths.
 */
export function requirementName(spec: string): string | null {
  const text = spec.replace(/(^|\s)#.*$/, '').trim();
  const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1];
  if (egg) return normalizeName(egg);
  if (text === '' || /^[-./]/.test(text) || /^[a-z+]+:\/\//i.test(text)) return null;
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[([^\]]*)\])?/.exec(text);
  if (!match) return null;
  const extras = (match[3] ?? '')
    .split(',')
    .map((extra) => normalizeName(extra.trim()))
    .filter((extra) => extra !== '')
    .sort();
  return normalizeName(match[1]!) + (extras.length > 0 ? `[${extras.join(',')}]` : '');
}

/** The distribution of a declared name without its extras: `fastapi[standard]` is `fastapi`. */
export function baseName(declared: string): string {
  const bracket = declared.indexOf('[');
  return bracket < 0 ? declared : declared.slice(0, bracket);
}

/** The extras of a declared name: `fastapi[all,standard]` has `all` and `standard`. */
export function extrasOf(declared: string): string[] {
  const match = /\[([^\]]*)\]/.exec(declared);
  return match ? match[1]!.split(',').filter((extra) => extra !== '') : [];
}
