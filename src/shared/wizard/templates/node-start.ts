/**
 * How a Node.js image starts: which file `node` (or `bun`) runs once only the build output reached
 * the final image, and Next.js's own server.
 */
import type { NodeAnswers } from './node-template';

/** Whether the answers make a Next.js standalone image (a build is needed to write it). */
export function isStandalone(answers: NodeAnswers): boolean {
  return answers.framework === 'nextjs' && answers.standalone && answers.buildScript !== null;
}

/** The paths of the final image the build stage fills: the output folder and the runtime files. */
export function shippedPaths(answers: NodeAnswers): string[] {
  return [answers.buildOutput, ...answers.runtimeFiles].map(cleanPath);
}

/** `./dist/` → `dist`. */
export function cleanPath(path: string): string {
  return path
    .trim()
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
}

/** Whether `file` lies in one of `folders` (or is one of them). */
export function isInside(file: string, folders: readonly string[]): boolean {
  const clean = cleanPath(file);
  return folders.some((folder) => clean === folder || clean.startsWith(`${folder}/`));
}

/**
 * The file started in the final image. After a build only the output folder (and the runtime
 * files) are there, so an entry outside them is looked for inside the output folder.
 */
export function startedFile(answers: NodeAnswers): string {
  const entry = cleanPath(answers.entryFile);
  if (!answers.buildScript || isInside(entry, shippedPaths(answers))) return entry;
  return `${cleanPath(answers.buildOutput)}/${entry}`;
}

/** The start command the template suggests. */
export function suggestedNodeStart(answers: NodeAnswers): string {
  if (answers.framework === 'nextjs') {
    if (isStandalone(answers)) return 'node server.js';
    return `node node_modules/next/dist/bin/next start --port ${answers.port ?? 3000}`;
  }
  if (answers.packageManager === 'bun') return `bun run ${startedFile(answers)}`;
  return ['node', ...answers.nodeFlags.map(shellWord), startedFile(answers)].join(' ');
}

/** A word as a shell reads it back: quoted when it holds spaces or quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
