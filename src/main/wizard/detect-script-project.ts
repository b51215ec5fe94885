/**
 * Detects a folder whose program is a shell script (`*.sh`, or a file starting `#!/bin/bash`,
 * `#!/usr/bin/env bash`, `#!/bin/sh`): the shell it needs, the commands it calls (whose packages
 * the image installs) and the project files it reads when it runs. Checked last, so a Python or
 * Node project with a helper script keeps its own template.
 *
 * Stack convention: always `['Shell script']`; the shell is an answer (`shell`), like a language
 * version, not a layer of the stack.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { ScriptAnswers } from '../../shared/wizard/wizard-answers';
import { COMMANDS_WITHOUT_PACKAGE } from '../../shared/wizard/templates/script-commands';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';
import { scanShellScript, type ShellScan } from './scan-shell-script';

const FOLDERS = ['.', 'bin', 'scripts'];
const PREFERRED_NAMES = ['entrypoint', 'main', 'run', 'start'];
// Files a script mentions without reading them at run time (or that never ship).
const NOT_READ =
  /^(readme|license|licence|changelog|contributing)(\.\w+)?$|\.md$|^\.git|^dockerfile$|^\.dockerignore$/i;
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.venv', 'vendor']);

interface Candidate {
  path: string;
  text: string;
  /** The shell its `#!` line names, or null without one. */
  shebang: 'bash' | 'sh' | null;
  scan: ShellScan;
}

/** The shell a `#!` line names: bash, a POSIX sh (sh, dash, ash), or null for none or another interpreter. */
export function shebangShell(text: string): 'bash' | 'sh' | 'other' | null {
  const match = /^#!\s*(\S+)(?:\s+(?:-S\s+)?(\S+))?/.exec(text);
  if (!match) return null;
  const program = match[1]!.split('/').at(-1) === 'env' ? (match[2] ?? '') : match[1]!;
  const name = program.split('/').at(-1) ?? '';
  if (name === 'bash') return 'bash';
  if (name === 'sh' || name === 'dash' || name === 'ash') return 'sh';
  return 'other';
}

async function candidates(files: ProjectFiles): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const folder of FOLDERS) {
    for (const name of await files.list(folder)) {
      const path = folder === '.' ? name : `${folder}/${name}`;
      if (!(await files.hasFile(path))) continue;
      const extension = /\.(sh|bash)$/.test(name);
      if (!extension && /\.\w+$/.test(name)) continue;
      const text = await files.read(path);
      if (text === null || text.includes('\0')) continue;
      const shell = shebangShell(text);
      if (shell === 'other' || (shell === null && !extension)) continue;
      found.push({ path, text, shebang: shell, scan: scanShellScript(text) });
    }
  }
  return found;
}

/** Every file of the project (a few levels deep), for spotting the ones a script names. */
async function projectFileList(files: ProjectFiles, folder = '.', depth = 0): Promise<string[]> {
  const paths: string[] = [];
  for (const name of await files.list(folder)) {
    const path = folder === '.' ? name : `${folder}/${name}`;
    if (await files.hasFile(path)) paths.push(path);
    else if (depth < 2 && !SKIPPED_FOLDERS.has(name) && (await files.hasDirectory(path)))
      paths.push(...(await projectFileList(files, path, depth + 1)));
  }
  return paths;
}

/** The project files `text` names as a path (`lib/common.sh`, `./config.json`, `"$DIR"/tpl.txt`). */
export function filesNamed(text: string, paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[\\s"'=/(:<>])(\\./)?${escaped}(?=$|[\\s"';)|&<>])`, 'm').test(text);
  });
}

/** The scripts, the likeliest program first: not sourced by another, with a #! line, at the root. */
function rankScripts(found: readonly Candidate[]): Candidate[] {
  const calledByOthers = (candidate: Candidate): boolean =>
    found.some((other) => other !== candidate && filesNamed(other.text, [candidate.path]).length > 0);
  const ranked = [...found].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  function rank(candidate: Candidate): number {
    const base = (candidate.path.split('/').at(-1) ?? '').replace(/\.(sh|bash)$/, '');
    return (
      (calledByOthers(candidate) ? 8 : 0) +
      (candidate.shebang === null ? 4 : 0) +
      (candidate.path.includes('/') ? 2 : 0) +
      (PREFERRED_NAMES.includes(base) ? 0 : 1)
    );
  }
  return ranked;
}

/** A shell-script project, or null when the folder has no shell script. */
export async function detectScriptProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const found = await candidates(files);
  if (found.length === 0) return null;
  const [main, ...rest] = rankScripts(found);
  if (!main) return null;
  const evidence = [
    `${main.path}: a shell script${main.shebang ? ` (#!…${main.shebang})` : ' without a #! line'}`,
  ];
  const others = rest.map((candidate) => candidate.path);

  const allFiles = (await projectFileList(files)).filter(
    (path) => path !== main.path && !NOT_READ.test(path.split('/').at(-1) ?? ''),
  );
  const projectFiles = filesNamed(main.text, allFiles);
  // Scripts it sources or calls run in the same image: their commands count too.
  const scans = [main.scan];
  for (const path of projectFiles) {
    const text = await files.read(path);
    const shell = text === null ? null : shebangShell(text);
    if (text !== null && (/\.(sh|bash)$/.test(path) || shell === 'bash' || shell === 'sh'))
      scans.push(scanShellScript(text));
  }
  const functions = new Set(scans.flatMap((scan) => scan.functions));
  const commands = [
    ...new Set(
      scans.flatMap((scan) =>
        scan.commands.filter((name) => !COMMANDS_WITHOUT_PACKAGE.has(name) && !functions.has(name)),
      ),
    ),
  ];
  const bashisms = [...new Set(scans.flatMap((scan) => scan.bashisms))];

  const shell: ScriptAnswers['shell'] = main.shebang === 'bash' || bashisms.length > 0 ? 'bash' : 'sh';
  const shebang = main.shebang !== null && main.shebang === shell;
  if (main.shebang === 'sh' && shell === 'bash')
    evidence.push(`#!/bin/sh, but it uses bash features (${bashisms.join(', ')}): run with bash`);
  evidence.push(
    shell === 'sh' ? 'plain POSIX sh: Alpine (busybox) is enough' : 'needs bash: Debian slim, which has it',
  );
  if (commands.length > 0) evidence.push(`calls ${commands.join(', ')}`);
  if (projectFiles.length > 0)
    evidence.push(`reads ${projectFiles.join(', ')} at run time: the whole project is copied`);

  const answers: ScriptAnswers = {
    ...defaultAnswers('script'),
    script: main.path,
    shell,
    shebang,
    distro: shell === 'sh' ? 'alpine' : 'debian',
    commands,
    projectFiles,
    copyProject: projectFiles.length > 0,
  };
  return {
    template: 'script',
    language: 'shell',
    stack: ['Shell script'],
    suggestions: others.length > 0 ? { script: [main.path, ...others] } : {},
    evidence,
    answers,
  };
}
