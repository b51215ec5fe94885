/**
 * What the user answers in the Dockerfile wizard, one shape per template. Everything the generator
 * needs is here, so answers can be saved, prefilled from a project folder and sent over IPC.
 */
import type { ImageFamily } from '../dockerfile/lint/image-family';

/** The wizard's templates. */
export type TemplateId = 'python' | 'node' | 'go' | 'java' | 'static' | 'os' | 'service' | 'custom';

/** One environment variable set with ENV. */
export interface EnvVariable {
  name: string;
  value: string;
}

/**
 * Who the container runs as.
 *
 * `create` adds a system user with the base family's own tool (`useradd`, busybox `adduser`, or a
 * line in /etc/passwd where neither exists); on images without a shell it becomes `USER uid:uid`.
 * `existing` switches to a user the base image already has (`node`, `nobody`, `65532`).
 */
export type UserAnswer = { kind: 'create'; name: string; uid: number } | { kind: 'existing'; name: string };

/** CMD runs the whole command; ENTRYPOINT fixes the program and leaves its arguments in CMD. */
export type StartAs = 'cmd' | 'entrypoint';

/** Answers shared by the templates that run an app of yours. */
export interface AppAnswers {
  /** Replaces the template's base image (final stage), e.g. a local stand-in; null for the template's choice. */
  baseImage: string | null;
  /** Replaces the family guessed from the base image name (decides apt/apk and the user commands). */
  baseFamily: ImageFamily | null;
  /** Absolute directory the app lives in. */
  workdir: string;
  env: EnvVariable[];
  /** The port the app listens on (EXPOSE), or null for none. */
  port: number | null;
  user: UserAnswer;
  /** The start command as typed (split like a shell would); null for the template's suggestion. */
  startCommand: string | null;
  startAs: StartAs;
}

/** A Python app run with pip. Defaults assume Debian (`-slim`); `alpine` uses apk and busybox adduser. */
export interface PythonAnswers extends AppAnswers {
  template: 'python';
  pythonVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  dependencies: 'requirements' | 'pyproject' | 'none';
  framework: 'flask' | 'fastapi' | 'none';
  /** The module holding the app: `app` for app.py, `main` for main.py. */
  appModule: string;
}

/** A Node.js app. Defaults assume Debian (`-slim`) and the image's own `node` user. */
export interface NodeAnswers extends AppAnswers {
  template: 'node';
  nodeVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  packageManager: 'npm' | 'yarn' | 'pnpm';
  /** Whether the project has the package manager's lockfile (enables `npm ci` and frozen installs). */
  lockfile: boolean;
  /** The package.json script that builds the app (run in a build stage), or null for none. */
  buildScript: string | null;
  /** The folder the build writes, copied into the final image. */
  buildOutput: string;
  /** The file `node` starts, relative to the workdir. */
  entryFile: string;
}

/** A Go program built in a golang stage and copied into a tiny final image. */
export interface GoAnswers extends AppAnswers {
  template: 'go';
  goVersion: string;
  builderVariant: 'alpine' | 'debian';
  /** Replaces the builder image; null for golang:<version>-<variant>. */
  builderImage: string | null;
  runtime: 'alpine' | 'distroless' | 'scratch';
  /** The package to build: `.` or `./cmd/server`. */
  mainPackage: string;
  binaryName: string;
  /** Whether the project has a go.sum (a module without dependencies has none). */
  hasGoSum: boolean;
}

/** A Java app built with Maven or Gradle and run on a JRE. Runtime defaults assume Ubuntu (Temurin). */
export interface JavaAnswers extends AppAnswers {
  template: 'java';
  javaVersion: string;
  buildTool: 'maven' | 'gradle';
  builderImage: string | null;
  runtimeVariant: 'jre' | 'jre-alpine';
  systemPackages: string[];
  /** The jar the build makes, relative to the project; null for the build tool's usual `*.jar`. */
  artifact: string | null;
}

/** A static website served by nginx, optionally built with Node first. Defaults assume Alpine. */
export interface StaticAnswers {
  template: 'static';
  baseImage: string | null;
  baseFamily: ImageFamily | null;
  /** `nginx-unprivileged` runs as user 101 on port 8080; `nginx` starts as root on port 80. */
  server: 'nginx-unprivileged' | 'nginx';
  nginxVersion: string;
  /** The folder holding index.html (relative to the project), when there is no build. */
  siteDir: string;
  build: 'none' | 'node';
  builderImage: string | null;
  nodeVersion: string;
  packageManager: 'npm' | 'yarn' | 'pnpm';
  lockfile: boolean;
  buildScript: string;
  buildOutput: string;
}

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

/** A ready-made service from its official image, with your configuration. */
export interface ServiceAnswers {
  template: 'service';
  baseImage: string | null;
  baseFamily: ImageFamily | null;
  service: 'redis' | 'postgres' | 'nginx';
  /** The image tag's version; null for the suggested one. */
  version: string | null;
  variant: 'alpine' | 'debian';
  /** Copy a config file (redis.conf, nginx.conf) or init scripts (postgres `init/`) from the project. */
  withConfig: boolean;
  /** Run as the service's own user from the start instead of letting the image drop root itself. */
  runAsServiceUser: boolean;
  env: EnvVariable[];
}

/** The instructions the custom template offers. */
export type CustomKeyword =
  | 'FROM'
  | 'RUN'
  | 'COPY'
  | 'WORKDIR'
  | 'ENV'
  | 'ARG'
  | 'EXPOSE'
  | 'USER'
  | 'LABEL'
  | 'VOLUME'
  | 'CMD'
  | 'ENTRYPOINT';

/** One instruction of the custom template; CMD and ENTRYPOINT values are command lines, written in exec form. */
export interface CustomInstruction {
  keyword: CustomKeyword;
  value: string;
}

/** Instruction by instruction. */
export interface CustomAnswers {
  template: 'custom';
  instructions: CustomInstruction[];
}

/** Answers for any template. */
export type WizardAnswers =
  | PythonAnswers
  | NodeAnswers
  | GoAnswers
  | JavaAnswers
  | StaticAnswers
  | OsAnswers
  | ServiceAnswers
  | CustomAnswers;

/** The answers type of one template. */
export type AnswersFor<T extends TemplateId> = Extract<WizardAnswers, { template: T }>;
