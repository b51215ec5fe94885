/**
 * A template, complete: how it describes itself to the wizard UI (its steps with a beginner's
 * explanation, its options with their choices, its default answers) and what it does with the
 * answers (the Dockerfile, the .dockerignore, its own checks, the suggested start command and
 * the final base image).
 */
import type { ImageFamily } from '../dockerfile/lint/image-family';
import type { DockerfileLine } from './dockerfile-writer';
import type { TemplateId, WizardAnswers } from './wizard-answers';

/** The steps a template can walk through, in the order a Dockerfile uses them. */
export type WizardStepId =
  | 'base'
  | 'env'
  | 'packages'
  | 'workdir'
  | 'user'
  | 'dependencies'
  | 'sources'
  | 'build'
  | 'config'
  | 'expose'
  | 'start'
  | 'instructions';

/** One step of a template. */
export interface WizardStep {
  id: WizardStepId;
  title: string;
  /** The instructions the step writes (`FROM`, `RUN`…). */
  instructions: string[];
  /** One paragraph for a beginner: what the instruction does and why it sits where it does. */
  explanation: string;
}

/** One choice of a `choice` option. */
export interface WizardChoice<V> {
  value: V;
  label: string;
  /** What the choice means in practice (size, trade-off). */
  detail?: string;
}

interface OptionOf<K extends string, V> {
  key: K;
  step: WizardStepId;
  label: string;
  help: string;
  /** How the UI edits it: pick one, type text, type a number, tick a box, edit a list. */
  kind: 'choice' | 'text' | 'number' | 'boolean' | 'list' | 'user' | 'env' | 'instructions';
  choices?: readonly WizardChoice<V>[];
  /**
   * Values the generator is tested with: every choice, or typical entries for free-form fields.
   * The wizard's own tests lint every combination of these.
   */
  examples: readonly V[];
}

/** An option of a template: one answer field, typed by the template's answers. */
export type WizardOption<A> = { [K in keyof A & string]: OptionOf<K, A[K]> }[keyof A & string];

/** A problem with one answer field. */
export interface WizardProblem {
  /** The answer field (`port`, `env`, `user`…). */
  field: string;
  message: string;
}

/** Patterns a .dockerignore groups under one comment. */
export interface IgnoreGroup {
  comment: string;
  patterns: string[];
}

/** A template: what the wizard shows, and what it writes from the answers. */
export interface WizardTemplate<A extends WizardAnswers> {
  id: TemplateId;
  title: string;
  summary: string;
  /** Which image family the defaults assume (matters when base images are replaced by stand-ins). */
  assumes: string;
  steps: readonly WizardStep[];
  options: readonly WizardOption<A>[];
  defaults: A;
  /** The Dockerfile lines for the answers. */
  write(answers: A): DockerfileLine[];
  /** What the .dockerignore adds for this template to the groups every project gets. */
  ignore(answers: A): IgnoreGroup[];
  /** Problems with this template's own fields (the fields templates share are checked for all). */
  check(answers: A, family: ImageFamily): WizardProblem[];
  /**
   * What the wizard cannot guarantee about the image the answers make: it builds, but may not
   * start or work (`uvicorn` not among the declared dependencies, a jar without Main-Class). Shown
   * as warnings beside the preview; they do not block writing. Empty only when the template can
   * tell the start command names something the image will have.
   */
  cautions(answers: A): WizardProblem[];
  /** The start command written when `startCommand` is null; null when the image starts itself. */
  suggestedStart(answers: A): string | null;
  /** The image the final stage is built FROM, after any `baseImage` replacement. */
  finalBaseImage(answers: A): string;
}
