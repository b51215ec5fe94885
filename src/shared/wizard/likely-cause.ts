/**
 * Why a container the wizard made did not pass "Run & check", read from what it printed: the
 * errors beginners meet first (a start program that is not in the image, a module not installed,
 * a jar without Main-Class, a server bound to 127.0.0.1), said with what to change.
 */
import type { RunCheckPlan } from './run-check';
import type { WizardAnswers } from './wizard-answers';

/** What the check saw, besides the answers. */
export interface FailedRun {
  log: string;
  plan: RunCheckPlan;
  exitCode: number | null;
}

/** The programs each Python framework starts with, and what installs them. */
const PYTHON_PROGRAMS: Record<string, string> = {
  uvicorn: 'uvicorn (or fastapi[standard])',
  gunicorn: 'gunicorn',
  flask: 'flask',
  streamlit: 'streamlit',
  'django-admin': 'django',
};

type Reader = (match: RegExpExecArray, answers: WizardAnswers, run: FailedRun) => string;

const dependencySource = (answers: WizardAnswers): string => {
  const source = 'dependencies' in answers ? String(answers.dependencies) : null;
  if (source === 'none') return 'the dependencies step installs nothing (no dependency file was chosen)';
  if (source === 'requirements') return 'requirements.txt does not list it';
  if (source) return `the project's ${source} dependencies do not include it`;
  return 'nothing in the Dockerfile installs it';
};

/** Log patterns, most specific first; each reads its match into a cause. */
const CAUSES: readonly [RegExp, Reader][] = [
  [
    /no main manifest attribute, in (\S+)/,
    ([, jar]) =>
      `${jar} has no Main-Class in its manifest: set it in the build (maven-jar-plugin <mainClass>, Gradle's application plugin) or start it with java -cp <jar> <main class>.`,
  ],
  [
    /(?:exec: "|exec |\/bin\/sh: \d+: |sh: |bash: (?:line \d+: )?|env: '?)([\w.+-]+)(?:'?: No such file or directory|": executable file not found in \$PATH|: (?:command )?not found)/,
    ([, program = ''], answers) =>
      program in PYTHON_PROGRAMS
        ? `\`${program}\` is not in the image: ${dependencySource(answers)}. Add ${PYTHON_PROGRAMS[program]} to the project's dependencies.`
        : `\`${program}\` is not in the image: the start command names a program nothing installed. Install it (a package or a dependency) or change the start command.`,
  ],
  [
    /ModuleNotFoundError: No module named '([^']+)'/,
    ([, module], answers) =>
      `Python cannot import ${module}: ${dependencySource(answers)}. Add the package that provides it to the dependencies.`,
  ],
  [
    /Error: Cannot find module '([^']+)'/,
    ([, module]) =>
      module?.startsWith('/') || module?.startsWith('.')
        ? `Node cannot find ${module}: the entry file is not in the image (is it made by a build step, or listed in .dockerignore?).`
        : `Node cannot find the package ${module}: it is not installed in the final image (a devDependency left out by --omit=dev?).`,
  ],
  [
    /exec format error/,
    () =>
      'The program was built for another processor (amd64 vs arm64) or the script has no #! line: check the base image platform and the first line of the script.',
  ],
  [
    /[Pp]ermission denied/,
    () =>
      'Permission denied: the start file is not executable for the user the image runs as, or the app writes where that user may not (chmod +x, or COPY --chown).',
  ],
  [
    /^\s*usage:/im,
    (_match, _answers, run) =>
      run.exitCode !== 0
        ? 'The script printed its usage: it needs arguments. Run it with them (docker run <image> <arguments>), or give it defaults.'
        : '',
  ],
  [
    /EADDRINUSE|[Aa]ddress already in use/,
    () => 'Two processes in the container want the same port: the start command starts the server twice?',
  ],
  [
    /(?:[Ll]istening|[Rr]unning|[Ss]erving|started)[^\n]*?(?:127\.0\.0\.1|localhost):(\d+)/,
    ([, port]) =>
      `The app listens on 127.0.0.1:${port} inside the container, which only the container itself can reach: make it listen on 0.0.0.0 (e.g. --host 0.0.0.0).`,
  ],
  [
    /(?:[Ll]istening|[Rr]unning|[Ss]erving)[^\n]*?(?:0\.0\.0\.0|\[::\]|port)[: ](\d{2,5})/,
    ([, port], _answers, run) =>
      run.plan.kind === 'port' && Number(port) !== run.plan.port
        ? `The app listens on port ${port}, but the image says ${run.plan.port} (EXPOSE): change the port answer to ${port}, or make the app use ${run.plan.port}.`
        : '',
  ],
];

/** The likely cause of a failed check in plain words, or null when the output says nothing known. */
export function likelyCause(answers: WizardAnswers, run: FailedRun): string | null {
  for (const [pattern, read] of CAUSES) {
    const match = pattern.exec(run.log);
    if (!match) continue;
    const cause = read(match, answers, run);
    if (cause) return cause;
  }
  if (run.plan.kind === 'port' && run.exitCode === null && run.log.trim() === '') {
    return `The container runs but printed nothing and nothing answered on port ${run.plan.port}: is the app listening on that port, on 0.0.0.0?`;
  }
  if (run.exitCode !== null && run.exitCode !== 0 && run.plan.kind !== 'exits' && run.log.trim() === '') {
    return `The start command ended at once with exit code ${run.exitCode} and printed nothing: run it in a terminal in the image to see why.`;
  }
  return null;
}
