/**
 * What folder detection (on the Node side) tells the wizard about a project.
 */
import type { TemplateId, WizardAnswers } from './wizard-answers';

/** The template that fits a project folder, with answers prefilled from its files. */
export interface ProjectDetection {
  template: TemplateId;
  answers: WizardAnswers;
  /** What was found, in plain words, for the wizard to show ("yarn.lock: Yarn"). */
  evidence: string[];
  /** The language recognised, also when it has no template of its own (Rust, PHP); null when none. */
  language: string | null;
}
