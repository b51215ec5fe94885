/**
 * The template table the wizard offers, with their default answers and suggested start commands.
 */
import { assertNever } from '../result';
import { customTemplate } from './templates/custom-template';
import { goRuntimeImage, goTemplate, suggestedGoStart } from './templates/go-template';
import { javaRuntimeImage, javaTemplate, suggestedJavaStart } from './templates/java-template';
import { nodeImage, nodeTemplate, suggestedNodeStart } from './templates/node-template';
import { osImage, osTemplate, suggestedOsStart } from './templates/os-template';
import { pythonImage, pythonTemplate, suggestedPythonStart } from './templates/python-template';
import { serviceImage, serviceTemplate } from './templates/service-template';
import { staticServerImage, staticTemplate } from './templates/static-template';
import type { AnswersFor, TemplateId, WizardAnswers } from './wizard-answers';
import type { WizardTemplate } from './wizard-template';

const TEMPLATES: { [K in TemplateId]: WizardTemplate<AnswersFor<K>> } = {
  python: pythonTemplate,
  node: nodeTemplate,
  go: goTemplate,
  java: javaTemplate,
  static: staticTemplate,
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
 * The start command the template writes when `startCommand` is null, as the UI shows it in the
 * field's placeholder; null for templates whose image starts itself (static, service, custom).
 */
export function suggestedStartCommand(answers: WizardAnswers): string | null {
  switch (answers.template) {
    case 'python':
      return suggestedPythonStart(answers);
    case 'node':
      return suggestedNodeStart(answers);
    case 'go':
      return suggestedGoStart(answers);
    case 'java':
      return suggestedJavaStart(answers);
    case 'os':
      return suggestedOsStart(answers);
    case 'static':
    case 'service':
    case 'custom':
      return null;
    default:
      return assertNever(answers);
  }
}

/** The image the final stage is built FROM, after any `baseImage` replacement (what the UI shows as "based on"). */
export function finalBaseImage(answers: WizardAnswers): string {
  switch (answers.template) {
    case 'python':
      return answers.baseImage ?? pythonImage(answers);
    case 'node':
      return answers.baseImage ?? nodeImage(answers.nodeVersion, answers.variant);
    case 'go':
      return goRuntimeImage(answers);
    case 'java':
      return javaRuntimeImage(answers);
    case 'static':
      return staticServerImage(answers);
    case 'os':
      return osImage(answers);
    case 'service':
      return serviceImage(answers);
    case 'custom': {
      const from = answers.instructions.findLast((instruction) => instruction.keyword === 'FROM');
      return from?.value.split(/\s+/).find((word) => word !== '' && !word.startsWith('--')) ?? '';
    }
    default:
      return assertNever(answers);
  }
}
