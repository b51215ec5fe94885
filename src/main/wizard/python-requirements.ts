/**
 * Reads pip requirement specs (`Flask[async]>=2 ; python_version < "3.12"`) and requirements
 * files with their `-r` / `-c` includes, giving the distributions a project declares.
 */
import { posix } from 'node:path';
import { requirementName } from '../../shared/wizard/templates/python-requirement-name';
import type { ProjectFiles } from './project-files';

/** What a requirements file declares, with the files it includes. */
export interface RequirementsRead {
  /** The file itself first, then every file it includes (`-r`, `-c`), relative to the project. */
  files: string[];
  /** The distributions named in the file and its `-r` includes (constraints declare nothing). */
  declared: string[];
}

const MAX_INCLUDES = 20;

/** Reads a requirements file and its includes; null when the file cannot be read. */
export async function readRequirements(files: ProjectFiles, path: string): Promise<RequirementsRead | null> {
  const text = await files.read(path);
  if (text === null) return null;
  const read: RequirementsRead = { files: [path], declared: [] };
  await collect(files, path, text, true, read);
  return read;
}

async function collect(
  files: ProjectFiles,
  path: string,
  text: string,
  declares: boolean,
  read: RequirementsRead,
): Promise<void> {
  // Continuation lines end with a backslash (hashes often do).
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const include = /^\s*(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      const target = posix.normalize(posix.join(posix.dirname(path), include[2]!));
      if (target.startsWith('..') || read.files.includes(target) || read.files.length >= MAX_INCLUDES)
        continue;
      const included = await files.read(target);
      if (included === null) continue;
      read.files.push(target);
      await collect(files, target, included, declares && /^(-r|--requirement)$/.test(include[1]!), read);
      continue;
    }
    const name = declares ? requirementName(line) : null;
    if (name !== null && !read.declared.includes(name)) read.declared.push(name);
  }
}
