/**
 * Turns wizard answers into a Dockerfile that follows good practice by construction: pinned base
 * images, dependency manifests before sources, exec-form start, a non-root user, apt with -y,
 * --no-install-recommends and cleanup in one RUN, multi-stage builds for compiled languages, and
 * never a `# syntax=` line (it would make BuildKit pull a frontend image).
 */
import { mergeAdjacentRuns, renderDockerfile } from './dockerfile-writer';
import type { WizardAnswers } from './wizard-answers';
import { templateOf } from './wizard-templates';

/** How to write the Dockerfile. */
export interface GenerateOptions {
  /** Put a short comment above every instruction, for learning; off gives a bare file. */
  commented: boolean;
}

/** The Dockerfile text for the answers, ending with a line break. */
export function generateDockerfile(
  answers: WizardAnswers,
  options: GenerateOptions = { commented: false },
): string {
  return renderDockerfile(mergeAdjacentRuns(templateOf(answers).write(answers)), options);
}
