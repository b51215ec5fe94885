/**
 * A shell script as the image's program: the packages for the commands it calls, the script
 * copied and made executable, and ENTRYPOINT so `docker run <image> args` passes the arguments on.
 * Debian slim (apt, useradd, bash) by default; Alpine (apk, busybox ash and adduser) for plain sh.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  PACKAGES_OPTION,
  PACKAGES_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  type DockerfileLine,
  envLine,
  exposeLine,
  familyFor,
  installsPackages,
  line,
  packagesLine,
  present,
  startLines,
  commandWords,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers } from '../wizard-answers';
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';
import { packagesForCommands, unknownCommands } from './script-commands';

/** A shell script run as the container's program. */
export interface ScriptAnswers extends AppAnswers {
  template: 'script';
  /** The script, relative to the project: `backup.sh`, `bin/deploy`. */
  script: string;
  /** The shell the script needs: bash, or a plain POSIX sh (dash on Debian, busybox ash on Alpine). */
  shell: 'bash' | 'sh';
  /** Whether the script's first line names that shell, so it can run directly. */
  shebang: boolean;
  distro: 'debian' | 'alpine';
  /** The programs the script calls beyond the shell and the basic tools (curl, jq, git). */
  commands: string[];
  /** Packages to install besides those for `commands`. */
  systemPackages: string[];
  /** Files of the project the script reads when it runs (`lib/common.sh`, `config.json`). */
  projectFiles: string[];
  /** Copy the whole project and run the script from the working directory, instead of the script alone. */
  copyProject: boolean;
}

const DISTROS: Record<ScriptAnswers['distro'], { image: string; detail: string }> = {
  debian: { image: 'debian:12-slim', detail: 'Debian 12 slim, about 75 MB: bash, apt and the GNU tools' },
  alpine: { image: 'alpine:3.20', detail: 'Alpine, about 8 MB: busybox sh and tools, apk' },
};

/** The image the script runs on. */
export function scriptImage(answers: ScriptAnswers): string {
  return answers.baseImage ?? DISTROS[answers.distro].image;
}

/** Where the script lives in the image: beside the project when it is copied, else in /usr/local/bin. */
export function scriptPath(answers: ScriptAnswers): string {
  if (answers.copyProject) return `${answers.workdir.replace(/\/+$/, '')}/${answers.script}`;
  return `/usr/local/bin/${answers.script.split('/').at(-1) ?? answers.script}`;
}

/** The suggested start: the script itself, or its shell running it when it has no shebang line. */
export function suggestedScriptStart(answers: ScriptAnswers): string {
  const path = scriptPath(answers);
  return answers.shebang ? path : `${answers.shell} ${path}`;
}

/** The packages the image installs: those for the script's commands, bash on Alpine when needed, and the extras. */
export function scriptPackages(answers: ScriptAnswers): string[] {
  const family = answers.distro;
  const needed = [...answers.commands, ...(answers.shell === 'bash' ? ['bash'] : [])];
  // Debian images have bash already; on Alpine it is a package.
  const fromCommands = packagesForCommands(needed, family).filter(
    (name) => !(family === 'debian' && name === 'bash'),
  );
  return [...new Set([...fromCommands, ...answers.systemPackages])];
}

/** The Dockerfile lines for a shell script. */
export function writeScript(answers: ScriptAnswers): DockerfileLine[] {
  const image = scriptImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  const path = scriptPath(answers);
  const typed = answers.startCommand;
  const start = typed === null ? suggestedScriptStart(answers) : typed;
  // The suggestion goes whole into ENTRYPOINT, so `docker run <image> a b` hands a and b to the script.
  const words = commandWords(start);
  const startText =
    typed === null && answers.startAs === 'entrypoint'
      ? [
          line(
            `ENTRYPOINT [${words.map((word) => JSON.stringify(word)).join(', ')}]`,
            'The script is the program; `docker run <image> …` arguments go to it',
          ),
        ]
      : startLines(words, answers.startAs);
  return present([
    line(`FROM ${image}`, `Start from ${DISTROS[answers.distro].detail}`),
    envLine(answers.env, 'Settings for the script'),
    packagesLine(family, scriptPackages(answers)),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    answers.copyProject
      ? line('COPY . .', 'Copy the project: the script reads some of its files when it runs')
      : line(`COPY ${answers.script} ${path}`, 'Copy the script where programs live'),
    // RUN chmod instead of COPY --chmod: the classic builder does not know --chmod.
    line(`RUN chmod 755 ${path}`, 'Make the script executable, whatever its mode was on your disk'),
    user.switchTo,
    exposeLine(answers.port),
    ...startText,
  ]);
}

function checkScript(answers: ScriptAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (
    !/^[A-Za-z0-9._/-]+$/.test(answers.script) ||
    answers.script.startsWith('/') ||
    answers.script.includes('..')
  ) {
    problems.push({
      field: 'script',
      message: 'Write the script path relative to the project, such as run.sh or bin/deploy.',
    });
  }
  const badCommand = answers.commands.find((command) => !/^[A-Za-z0-9_.+-]+$/.test(command));
  if (badCommand !== undefined)
    problems.push({ field: 'commands', message: `"${badCommand}" is not a command name.` });
  return problems;
}

const SSH_COMMANDS = new Set(['ssh', 'scp', 'sftp', 'ssh-add']);

/** What the wizard cannot promise about the script's image. */
export function scriptCautions(answers: ScriptAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  const unknown = unknownCommands(answers.commands);
  if (unknown.length > 0) {
    const names = unknown.map((name) => `\`${name}\``).join(', ');
    cautions.push({
      field: 'commands',
      message:
        `The script calls ${names}, which no package the wizard knows provides: add the package under ` +
        'System packages (or install it in a RUN step), or the script fails with "command not found".',
    });
  }
  const family = familyFor(answers.baseFamily, scriptImage(answers));
  const packages = scriptPackages(answers);
  if (packages.length > 0 && !installsPackages(family)) {
    cautions.push({
      field: 'baseImage',
      message: `This base image has neither apt nor apk, so ${packages.join(', ')} cannot be installed.`,
    });
  }
  const ssh = answers.commands.filter((command) => SSH_COMMANDS.has(command));
  if (ssh.length > 0) {
    cautions.push({
      field: 'commands',
      message:
        `The script uses ${ssh.map((name) => `\`${name}\``).join(', ')}: the image holds no ssh key or known_hosts. ` +
        'Mount them when it runs (readable by the user the image runs as), never COPY keys into the image.',
    });
  }
  if (answers.projectFiles.length > 0 && !answers.copyProject) {
    cautions.push({
      field: 'copyProject',
      message:
        `The script reads ${answers.projectFiles.join(', ')} from the project when it runs, but only the script ` +
        'is copied: tick "Copy the whole project".',
    });
  }
  return cautions;
}

const OPTIONS: readonly WizardOption<ScriptAnswers>[] = [
  {
    key: 'distro',
    step: 'base',
    label: 'Operating system',
    help: 'Debian has bash and the GNU tools; Alpine is tiny, with busybox sh (bash is added when the script needs it).',
    kind: 'choice',
    choices: (['debian', 'alpine'] as const).map((value) => ({
      value,
      label: value,
      detail: DISTROS[value].detail,
    })),
    examples: ['debian', 'alpine'],
  },
  BASE_IMAGE_OPTION,
  envOption(),
  {
    key: 'commands',
    step: 'packages',
    label: 'Commands the script calls',
    help: 'The wizard installs the package for each (curl → curl, ssh → openssh-client); basic tools such as grep and sed need none.',
    kind: 'list',
    examples: [['curl', 'jq'], [], ['git', 'ssh', 'rsync']],
  },
  { ...PACKAGES_OPTION, examples: [[], ['tzdata']] },
  WORKDIR_OPTION,
  userOption(),
  {
    key: 'script',
    step: 'sources',
    label: 'Script',
    help: 'The script to run, relative to the project.',
    kind: 'text',
    examples: ['run.sh', 'bin/deploy'],
  },
  {
    key: 'shell',
    step: 'start',
    label: 'Shell',
    help: 'bash for scripts that use bash features ([[ ]], arrays); sh for plain POSIX scripts.',
    kind: 'choice',
    choices: [
      { value: 'bash', label: 'bash' },
      { value: 'sh', label: 'sh', detail: 'dash on Debian, busybox ash on Alpine' },
    ],
    examples: ['bash', 'sh'],
  },
  {
    key: 'shebang',
    step: 'start',
    label: 'The script starts with a #! line',
    help: 'Without one the image runs it with the shell chosen above.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'copyProject',
    step: 'sources',
    label: 'Copy the whole project',
    help: 'For scripts that read other files of the project; the script then runs from the working directory.',
    kind: 'boolean',
    examples: [false, true],
  },
  ...startOptions([null, 8080], [null, '/usr/local/bin/run.sh --verbose']),
];

/** The shell-script template. */
export const scriptTemplate: WizardTemplate<ScriptAnswers> = {
  id: 'script',
  title: 'Shell script',
  summary:
    'A shell script as a command-line tool: the programs it calls installed, the script as ENTRYPOINT.',
  assumes: 'Debian slim: apt, useradd and bash. Alpine: apk, busybox adduser, bash installed when needed.',
  steps: [
    {
      id: 'base',
      title: 'Operating system',
      instructions: ['FROM'],
      explanation:
        'A script needs a shell and the programs it calls. Debian 12 slim (about 75 MB) has bash and the GNU tools; ' +
        'Alpine (about 8 MB) has busybox, whose `sh` runs plain POSIX scripts. The wizard picks Alpine for a ' +
        '`#!/bin/sh` script without bash features and Debian for bash scripts.',
    },
    ENV_STEP,
    {
      ...PACKAGES_STEP,
      explanation:
        `${PACKAGES_STEP.explanation} The wizard read the commands your script calls and installs the package for ` +
        'each one (`curl`, `jq`, `openssh-client` for `ssh`); tools every image has (grep, sed, awk) need nothing. ' +
        'Commands it knows no package for are listed as a warning.',
    },
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'sources',
      title: 'Copy the script',
      instructions: ['COPY', 'RUN'],
      explanation:
        'The script is copied to /usr/local/bin, where programs live, and made executable with `chmod 755` (a ' +
        'checkout on Windows loses the executable bit). When the script reads other files of the project, the ' +
        'whole project is copied instead and the script runs from the working directory.',
    },
    EXPOSE_STEP,
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} A script is a tool, so the wizard writes it as ENTRYPOINT: ` +
        '`docker run <image> --dry-run` passes `--dry-run` to the script. A script without a `#!` line is ' +
        'started through its shell (`bash script.sh`).',
    },
  ],
  options: OPTIONS,
  write: writeScript,
  ignore: () => [],
  cautions: scriptCautions,
  check: checkScript,
  suggestedStart: suggestedScriptStart,
  finalBaseImage: scriptImage,
  defaults: {
    template: 'script',
    ...appDefaults(null),
    startAs: 'entrypoint',
    script: 'run.sh',
    shell: 'bash',
    shebang: true,
    distro: 'debian',
    commands: [],
    systemPackages: [],
    projectFiles: [],
    copyProject: false,
  },
};
