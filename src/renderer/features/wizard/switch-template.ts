import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { TemplateId, WizardAnswers } from '@shared/wizard/wizard-answers';
import { defaultAnswers, templateFor, templateOf } from '@shared/wizard/wizard-templates';
import type { OptionDescription } from './option-field';

/** What changing template does to the answers given so far. */
export interface TemplateSwitch {
  /** The new template's answers, with what still applies carried over. */
  answers: WizardAnswers;
  /** Labels of the options carried over ("Port", "Run as"). */
  kept: string[];
  /** Labels of the answers given that the new template has no place for: switching drops them. */
  lost: string[];
}

/**
 * The base image names an image of the old stack (a `python:` mirror means nothing to Node.js),
 * so it is never carried even though both templates ask for it.
 */
const STACK_BOUND = new Set(['baseImage']);

/**
 * The answers after switching from `current` to the template `to`.
 *
 * The new template starts from what detection found when it picked that very template (else its
 * defaults). An answer is carried when it was given (it differs from the old template's default)
 * and the new template asks the same question in the same way: the same key, the same kind of
 * field, and a value it accepts (one of its choices, a number where it wants one…).
 */
export function switchTemplate(
  current: WizardAnswers,
  to: TemplateId,
  detection: ProjectDetection | null,
): TemplateSwitch {
  const from = templateOf(current);
  const target = templateFor(to);
  const next = structuredClone(
    detection?.template === to ? detection.answers : defaultAnswers(to),
  ) as unknown as Record<string, unknown>;
  const given = current as unknown as Record<string, unknown>;
  const fromDefaults = from.defaults as unknown as Record<string, unknown>;
  const targetOptions = target.options as readonly OptionDescription[];
  const kept: string[] = [];
  const lost: string[] = [];
  for (const option of from.options as readonly OptionDescription[]) {
    const value = given[option.key];
    if (sameValue(value, fromDefaults[option.key])) continue;
    const there = targetOptions.find((candidate) => candidate.key === option.key);
    if (there && there.kind === option.kind && !STACK_BOUND.has(option.key) && accepts(there, value)) {
      next[option.key] = structuredClone(value);
      kept.push(option.label);
    } else {
      lost.push(option.label);
    }
  }
  return { answers: next as unknown as WizardAnswers, kept, lost };
}

/** Whether `value` is an answer the option can show and the generator can take. */
function accepts(option: OptionDescription, value: unknown): boolean {
  const nullable = option.examples.includes(null);
  if (value === null) return nullable || (option.choices ?? []).some((choice) => choice.value === null);
  switch (option.kind) {
    case 'choice':
      return (option.choices ?? []).some((choice) => sameValue(choice.value, value));
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'user':
      return (
        typeof value === 'object' &&
        ['create', 'existing'].includes(String((value as { kind?: unknown }).kind))
      );
    case 'env':
    case 'instructions':
      return Array.isArray(value);
  }
}

/** Answers are plain JSON (they cross IPC), so equal JSON is the same answer. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
