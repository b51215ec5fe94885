/**
 * What the user answers in the Dockerfile wizard, one shape per template. Everything the generator
 * needs is here, so answers can be saved, prefilled from a project folder and sent over IPC.
 */
import type { ImageFamily } from '../dockerfile/lint/image-family';
import type { PythonAnswers } from './templates/python-template';
import type { NodeAnswers } from './templates/node-template';
import type { GoAnswers } from './templates/go-template';
import type { JavaAnswers } from './templates/java-template';
import type { StaticAnswers } from './templates/static-template';
import type { OsAnswers } from './templates/os-template';
import type { ServiceAnswers } from './templates/service-template';
import type { PhpAnswers } from './templates/php-template';
import type { RubyAnswers } from './templates/ruby-template';
import type { ScriptAnswers } from './templates/script-template';
import type { RustAnswers } from './templates/rust-template';
import type { DotnetAnswers } from './templates/dotnet-template';

export type { PythonAnswers, NodeAnswers, GoAnswers, JavaAnswers, StaticAnswers, OsAnswers, ServiceAnswers };
export type { PhpAnswers, RubyAnswers, ScriptAnswers };
export type { RustAnswers, DotnetAnswers };

/** The wizard's templates. */
export type TemplateId =
  | 'python'
  | 'node'
  | 'go'
  | 'java'
  | 'rust'
  | 'dotnet'
  | 'php'
  | 'ruby'
  | 'static'
  | 'script'
  | 'os'
  | 'service'
  | 'custom';

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
  | RustAnswers
  | DotnetAnswers
  | PhpAnswers
  | RubyAnswers
  | ScriptAnswers
  | StaticAnswers
  | OsAnswers
  | ServiceAnswers
  | CustomAnswers;

/** The answers type of one template. */
export type AnswersFor<T extends TemplateId> = Extract<WizardAnswers, { template: T }>;
