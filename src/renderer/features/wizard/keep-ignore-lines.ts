/** The comment the user's own .dockerignore lines are kept under, at the end of the new file. */
export const KEPT_COMMENT = '# Kept from your .dockerignore';

/**
 * The patterns of the .dockerignore already in the folder that the generated one lacks, in their
 * order, each once: what overwriting would drop. Comments and blank lines are not patterns.
 */
export function ownIgnoreLines(existing: string, generated: string): string[] {
  const have = new Set(generated.split(/\r?\n/).map((line) => line.trim()));
  const own: string[] = [];
  for (const raw of existing.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || have.has(line) || own.includes(line)) continue;
    own.push(line);
  }
  return own;
}

/**
 * The generated .dockerignore with the user's kept lines appended under their own comment. They
 * go last on purpose: a `!exception` of the user's then still overrides the generated patterns.
 */
export function withKeptLines(generated: string, kept: readonly string[]): string {
  if (kept.length === 0) return generated;
  const base = generated.endsWith('\n') ? generated : `${generated}\n`;
  return `${base}\n${KEPT_COMMENT}\n${kept.join('\n')}\n`;
}
