/**
 * The template table the wizard offers, and the one way from answers to their template.
 */
import { customTemplate } from './templates/custom-template';
import { dotnetTemplate } from './templates/dotnet-template';
import { goTemplate } from './templates/go-template';
import { javaTemplate } from './templates/java-template';
import { nodeTemplate } from './templates/node-template';
import { osTemplate } from './templates/os-template';
import { phpTemplate } from './templates/php-template';
import { pythonTemplate } from './templates/python-template';
import { rubyTemplate } from './templates/ruby-template';
import { rustTemplate } from './templates/rust-template';
import { scriptTemplate } from './templates/script-template';
import { serviceTemplate } from './templates/service-template';
import { staticTemplate } from './templates/static-template';
import type { AnswersFor, TemplateId, WizardAnswers } from './wizard-answers';
import type { WizardTemplate } from './wizard-template';

const TEMPLATES: { [K in TemplateId]: WizardTemplate<AnswersFor<K>> } = {
  python: pythonTemplate,
  node: nodeTemplate,
  go: goTemplate,
  java: javaTemplate,
  rust: rustTemplate,
  dotnet: dotnetTemplate,
  php: phpTemplate,
  ruby: rubyTemplate,
  static: staticTemplate,
  script: scriptTemplate,
  os: osTemplate,
  service: serviceTemplate,
  custom: customTemplate,
};

/** A template of any kind. */
export type AnyWizardTemplate = { [K in TemplateId]: WizardTemplate<AnswersFor<K>> }[TemplateId];

/** Every template, in the order the wizard lists them. */
export const WIZARD_TEMPLATES: readonly AnyWizardTemplate[] = Object.values(TEMPLATES);

/** One template by id. */
export function templateFor<T extends TemplateId>(id: T): WizardTemplate<AnswersFor<T>> {
  return TEMPLATES[id];
}

/** A fresh copy of a template's default answers, safe to edit. */
export function defaultAnswers<T extends TemplateId>(id: T): AnswersFor<T> {
  return structuredClone(TEMPLATES[id].defaults);
}

/**
 * The template the answers belong to, typed by them: every use of a template's behaviour goes
 * through here instead of a switch on `answers.template`.
 */
export function templateOf<A extends WizardAnswers>(answers: A): WizardTemplate<A> {
  // TEMPLATES is keyed by the very `template` field the answers carry, so the entry takes A.
  return TEMPLATES[answers.template] as unknown as WizardTemplate<A>;
}

/**
 * The start command the template writes when `startCommand` is null, as the UI shows it in the
 * field's placeholder; null for templates whose image starts itself (static, service, custom).
 */
export function suggestedStartCommand(answers: WizardAnswers): string | null {
  return templateOf(answers).suggestedStart(answers);
}

/** The image the final stage is built FROM, after any `baseImage` replacement (what the UI shows as "based on"). */
export function finalBaseImage(answers: WizardAnswers): string {
  return templateOf(answers).finalBaseImage(answers);
}
