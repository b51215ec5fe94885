/**
 * Steps, options and default answers that several templates share, with the explanations a
 * beginner reads next to them in the wizard.
 */
import type { AppAnswers, EnvVariable, UserAnswer } from './wizard-answers';
import type { WizardOption, WizardStep } from './wizard-template';

/** Step: the folder the app lives in. */
export const WORKDIR_STEP: WizardStep = {
  id: 'workdir',
  title: 'Working directory',
  instructions: ['WORKDIR'],
  explanation:
    'WORKDIR sets the folder that every following RUN, COPY and CMD works in, and creates it if it does not exist. ' +
    'Use it instead of `cd` inside RUN: a `cd` is forgotten at the end of its RUN, WORKDIR stays for the rest of the file. ' +
    'A short absolute path such as /app is the convention.',
};

/** Step: run as an unprivileged user. */
export const USER_STEP: WizardStep = {
  id: 'user',
  title: 'User',
  instructions: ['RUN', 'USER'],
  explanation:
    'By default a container runs as root. If your app is ever tricked into running a command, root can change every file ' +
    'in the container, and a container escape starts with root rights. So the wizard creates a plain system user early ' +
    '(it never changes, so this layer stays cached) and switches to it with USER just before the start command. ' +
    'The copied files stay owned by root: the app can read its code but not modify it; write data to /tmp or a volume. ' +
    'On Debian and Ubuntu the user is made with useradd, on Alpine with adduser; images without a shell (scratch, ' +
    'distroless) get a numeric user id, which needs no account at all.',
};

/** Step: environment variables. */
export const ENV_STEP: WizardStep = {
  id: 'env',
  title: 'Environment variables',
  instructions: ['ENV'],
  explanation:
    'ENV sets environment variables for the following build steps and for the running container. Use it for settings ' +
    'that are the same everywhere (a mode, a log level). Never put passwords or tokens here: ENV values are stored in ' +
    'the image and anyone who pulls it can read them. Pass secrets when the container starts, with `docker run -e NAME=…`.',
};

/** Step: the port. */
export const EXPOSE_STEP: WizardStep = {
  id: 'expose',
  title: 'Port',
  instructions: ['EXPOSE'],
  explanation:
    'EXPOSE documents which port the app listens on. It does not open anything by itself: you still publish the port ' +
    'when you run the container (`docker run -p 8000:8000`). The app must listen on 0.0.0.0, not 127.0.0.1, or nothing ' +
    'outside the container can reach it.',
};

/** Step: the start command. */
export const START_STEP: WizardStep = {
  id: 'start',
  title: 'Start command',
  instructions: ['CMD', 'ENTRYPOINT'],
  explanation:
    'CMD is the command the container runs when it starts. The wizard writes it in exec form, a JSON list such as ' +
    '["python", "app.py"]: your program then runs directly as process 1 and receives the stop signal, so `docker stop` ' +
    'ends it at once instead of killing it after 10 seconds. Choose ENTRYPOINT when the image is a tool: the program ' +
    'stays fixed and `docker run <image> --flag` only replaces the arguments kept in CMD.',
};

/** Step: copy the project's sources. */
export const SOURCES_STEP: WizardStep = {
  id: 'sources',
  title: 'Copy your code',
  instructions: ['COPY'],
  explanation:
    'COPY . . copies your project (minus what .dockerignore lists) into the working directory. It comes after the ' +
    'dependencies on purpose: Docker reuses a cached step only while everything before it is unchanged, and your code ' +
    'changes all the time. Copied last, an edit to your code rebuilds only the last steps; the slow dependency download stays cached.',
};

/** Step: system packages, for templates whose base image has a package manager. */
export const PACKAGES_STEP: WizardStep = {
  id: 'packages',
  title: 'System packages',
  instructions: ['RUN'],
  explanation:
    'Some apps need programs from the operating system (a database client, image libraries, curl). They are installed in ' +
    'one RUN that also cleans up after itself: on Debian and Ubuntu `apt-get update`, `apt-get install -y ' +
    '--no-install-recommends` and `rm -rf /var/lib/apt/lists/*`; on Alpine `apk add --no-cache`. Cleaning in the same RUN ' +
    'matters because every RUN is a layer: files deleted in a later RUN still weigh in the earlier one. This step comes ' +
    'early because it rarely changes, so its layer is almost always reused from the cache.',
};

/** Option: working directory. */
export const WORKDIR_OPTION: WizardOption<AppAnswers> = {
  key: 'workdir',
  step: 'workdir',
  label: 'Folder in the image',
  help: 'An absolute path; /app is the convention.',
  kind: 'text',
  examples: ['/app'],
};

/** Option: environment variables, with the examples a template is tested with. */
export function envOption(
  examples: readonly EnvVariable[][] = [[], [{ name: 'APP_ENV', value: 'production' }]],
): WizardOption<{ env: EnvVariable[] }> {
  return {
    key: 'env',
    step: 'env',
    label: 'Environment variables',
    help: 'Settings that are the same everywhere. No secrets: pass those with docker run -e.',
    kind: 'env',
    examples,
  };
}

/** Option: who runs the app, with the examples a template is tested with. */
export function userOption(
  examples: readonly UserAnswer[] = [
    { kind: 'create', name: 'app', uid: 10001 },
    { kind: 'existing', name: 'nobody' },
  ],
  help = 'A new unprivileged user (recommended), or a user the base image already has.',
): WizardOption<{ user: UserAnswer }> {
  return { key: 'user', step: 'user', label: 'Run as', help, kind: 'user', examples };
}

/** Option: CMD or ENTRYPOINT. */
export const START_AS_OPTION: WizardOption<AppAnswers> = {
  key: 'startAs',
  step: 'start',
  label: 'Start with',
  help: 'CMD for an app; ENTRYPOINT for a tool that takes arguments.',
  kind: 'choice',
  choices: [
    { value: 'cmd', label: 'CMD', detail: 'docker run <image> <command> replaces the whole command' },
    {
      value: 'entrypoint',
      label: 'ENTRYPOINT + CMD',
      detail: 'the program is fixed; docker run arguments replace CMD',
    },
  ],
  examples: ['cmd', 'entrypoint'],
};

/** Option: replace the base image (stand-ins, private mirrors). */
export const BASE_IMAGE_OPTION: WizardOption<AppAnswers> = {
  key: 'baseImage',
  step: 'base',
  label: 'Use another base image',
  help: 'Leave empty for the suggested image; set it for a mirror or a company base image of the same family.',
  kind: 'text',
  examples: [null],
};

/** The port option with the examples a template is tested with. */
export function portOption(examples: readonly (number | null)[]): WizardOption<AppAnswers> {
  return {
    key: 'port',
    step: 'expose',
    label: 'Port',
    help: 'The port your app listens on inside the container.',
    kind: 'number',
    examples,
  };
}

/** The start-command option with the examples a template is tested with. */
export function startCommandOption(examples: readonly (string | null)[]): WizardOption<AppAnswers> {
  return {
    key: 'startCommand',
    step: 'start',
    label: 'Start command',
    help: 'Leave empty for the suggestion. Typed like in a terminal; the wizard writes it in exec form.',
    kind: 'text',
    examples,
  };
}

/** Option: system packages to install with apt or apk. */
export const PACKAGES_OPTION: WizardOption<{ systemPackages: string[] }> = {
  key: 'systemPackages',
  step: 'packages',
  label: 'System packages',
  help: 'Package names as apt (Debian, Ubuntu) or apk (Alpine) knows them, e.g. curl, libpq-dev.',
  kind: 'list',
  examples: [[], ['curl', 'ca-certificates']],
};

/** The options every app template ends with: port, start command and CMD or ENTRYPOINT. */
export function startOptions(
  portExamples: readonly (number | null)[],
  startCommandExamples: readonly (string | null)[],
): WizardOption<AppAnswers>[] {
  return [portOption(portExamples), startCommandOption(startCommandExamples), START_AS_OPTION];
}

/** The user an app template creates unless it says otherwise. */
const APP_USER: UserAnswer = { kind: 'create', name: 'app', uid: 10001 };

/** The answers every app template starts from: its suggested port, and a user of its own when the image has one. */
export function appDefaults(port: number | null, user: UserAnswer = APP_USER): AppAnswers {
  return {
    baseImage: null,
    baseFamily: null,
    workdir: '/app',
    env: [],
    port,
    user: { ...user },
    startCommand: null,
    startAs: 'cmd',
  };
}
