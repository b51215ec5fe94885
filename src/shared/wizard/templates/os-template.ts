/**
 * A plain operating system with packages: Ubuntu, Debian (apt, useradd) or Alpine (apk, adduser).
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  PACKAGES_OPTION,
  PACKAGES_STEP,
  SOURCES_STEP,
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
  familyFor,
  line,
  packagesLine,
  present,
  closingLines,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers } from '../wizard-answers';
import type { WizardOption, WizardTemplate } from '../wizard-template';

/** A plain operating system with packages. */
export interface OsAnswers extends AppAnswers {
  template: 'os';
  distro: 'ubuntu' | 'debian' | 'alpine';
  /** The distribution's tag; null for the suggested one. */
  distroVersion: string | null;
  systemPackages: string[];
  /** Whether to copy the project into the workdir. */
  copyProject: boolean;
}

const DISTROS: Record<OsAnswers['distro'], { version: string; detail: string; shell: string }> = {
  ubuntu: { version: '24.04', detail: 'Ubuntu LTS, about 80 MB, apt', shell: 'bash' },
  debian: { version: '12-slim', detail: 'Debian 12 slim, about 75 MB, apt', shell: 'bash' },
  alpine: { version: '3.20', detail: 'Alpine, about 8 MB, apk and busybox', shell: 'sh' },
};

/** The image for a distribution: `ubuntu:24.04`, `debian:12-slim`, `alpine:3.20`. */
export function osImage(answers: OsAnswers): string {
  return answers.baseImage ?? `${answers.distro}:${answers.distroVersion ?? DISTROS[answers.distro].version}`;
}

/** The suggested start command: the distribution's shell. */
export function suggestedOsStart(answers: OsAnswers): string {
  return DISTROS[answers.distro].shell;
}

/** The Dockerfile lines for an operating system with packages. */
export function writeOs(answers: OsAnswers): DockerfileLine[] {
  const image = osImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  return present([
    line(`FROM ${image}`, `Start from ${DISTROS[answers.distro].detail}`),
    envLine(answers.env, 'Settings for the programs in the image'),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    answers.copyProject ? line('COPY . .', 'Copy the project into the folder') : null,
    ...closingLines(answers, user, suggestedOsStart(answers)),
  ]);
}

const OPTIONS: readonly WizardOption<OsAnswers>[] = [
  {
    key: 'distro',
    step: 'base',
    label: 'Operating system',
    help: 'Ubuntu and Debian use apt; Alpine is tiny and uses apk.',
    kind: 'choice',
    choices: (['ubuntu', 'debian', 'alpine'] as const).map((value) => ({
      value,
      label: value,
      detail: DISTROS[value].detail,
    })),
    examples: ['ubuntu', 'debian', 'alpine'],
  },
  {
    key: 'distroVersion',
    step: 'base',
    label: 'Version',
    help: 'Leave empty for the suggested release (24.04, 12-slim, 3.20).',
    kind: 'text',
    examples: [null],
  },
  BASE_IMAGE_OPTION,
  envOption(),
  { ...PACKAGES_OPTION, examples: [[], ['curl', 'ca-certificates'], ['git']] },
  WORKDIR_OPTION,
  userOption(),
  {
    key: 'copyProject',
    step: 'sources',
    label: 'Copy the project folder into the image',
    help: 'Adds COPY . . into the working directory.',
    kind: 'boolean',
    examples: [false, true],
  },
  ...startOptions([null, 8080], [null, 'sleep infinity']),
];

/** The operating-system template. */
export const osTemplate: WizardTemplate<OsAnswers> = {
  id: 'os',
  title: 'An OS with packages',
  summary: 'Ubuntu, Debian or Alpine with the packages you choose: a toolbox or a base for scripts.',
  assumes: 'Ubuntu/Debian: apt and useradd. Alpine: apk and busybox adduser.',
  steps: [
    {
      id: 'base',
      title: 'Operating system',
      instructions: ['FROM'],
      explanation:
        'FROM picks the distribution. Ubuntu (about 80 MB) and Debian slim (about 75 MB) have apt and the widest ' +
        'choice of packages; Alpine (about 8 MB) is tiny and uses apk, with busybox instead of the GNU tools. The ' +
        'release is pinned in the tag, so the image does not change under you when a new release comes out.',
    },
    ENV_STEP,
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    SOURCES_STEP,
    EXPOSE_STEP,
    START_STEP,
  ],
  options: OPTIONS,
  write: writeOs,
  ignore: () => [],
  cautions: () => [],
  check: () => [],
  suggestedStart: suggestedOsStart,
  finalBaseImage: osImage,
  defaults: {
    template: 'os',
    ...appDefaults(null),
    distro: 'ubuntu',
    distroVersion: null,
    systemPackages: ['curl', 'ca-certificates'],
    copyProject: false,
  },
};
