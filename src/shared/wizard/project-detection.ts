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
  /**
   * The stack in the words its users say, most general first, for the banner:
   * `['Python', 'Poetry', 'FastAPI']`, `['TypeScript', 'pnpm', 'Next.js']`; empty when nothing was recognised.
   */
  stack: string[];
  /**
   * Other values the project supports for an answer field, offered beside the prefilled one
   * (`nodeVersion: ['20.11.1', '20']`: the exact pin first, the major line as the alternative;
   * `mainPackage: ['./cmd/server', './cmd/worker']`). Keys are answer fields of `answers`.
   */
  suggestions: Record<string, string[]>;
}
