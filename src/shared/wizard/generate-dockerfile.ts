/**
 * Turns wizard answers into a Dockerfile that follows good practice by construction: pinned base
 * images, dependency manifests before sources, exec-form start, a non-root user, apt with -y,
 * --no-install-recommends and cleanup in one RUN, multi-stage builds for compiled languages, and
 * never a `# syntax=` line (it would make BuildKit pull a frontend image).
 */
import { assertNever } from '../result';
import { mergeAdjacentRuns, renderDockerfile, type DockerfileLine } from './dockerfile-writer';
import { writeCustom } from './templates/custom-template';
import { writeGo } from './templates/go-template';
import { writeJava } from './templates/java-template';
import { writeNode } from './templates/node-template';
import { writeOs } from './templates/os-template';
import { writePython } from './templates/python-template';
import { writeService } from './templates/service-template';
import { writeStatic } from './templates/static-template';
import type { WizardAnswers } from './wizard-answers';

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
  return renderDockerfile(mergeAdjacentRuns(dockerfileLines(answers)), options);
}

function dockerfileLines(answers: WizardAnswers): DockerfileLine[] {
  switch (answers.template) {
    case 'python':
      return writePython(answers);
    case 'node':
      return writeNode(answers);
    case 'go':
      return writeGo(answers);
    case 'java':
      return writeJava(answers);
    case 'static':
      return writeStatic(answers);
    case 'os':
      return writeOs(answers);
    case 'service':
      return writeService(answers);
    case 'custom':
      return writeCustom(answers);
    default:
      return assertNever(answers);
  }
}
