/**
 * The .dockerignore that goes with a generated Dockerfile: what never belongs in an image (version
 * control, secrets, local tooling) plus each language's caches and build output.
 */
import type { WizardAnswers } from './wizard-answers';
import type { IgnoreGroup } from './wizard-template';
import { templateOf } from './wizard-templates';

const COMMON: IgnoreGroup[] = [
  {
    comment: 'Version control and editors',
    patterns: ['.git', '.vscode', '.idea', '**/.DS_Store', '**/*.swp'],
  },
  {
    // Editing these must not invalidate COPY . . (the builder reads them anyway).
    comment: 'Docker files themselves',
    patterns: ['Dockerfile', '.dockerignore', 'docker-compose*.yml', 'compose*.yaml'],
  },
  {
    comment: 'Secrets and local settings: never bake them into an image',
    patterns: ['.env', '.env.*', '**/*.pem'],
  },
  { comment: 'Logs', patterns: ['**/*.log'] },
];

/** The .dockerignore text for the answers, ending with a line break. */
export function generateDockerignore(answers: WizardAnswers): string {
  const groups = [...COMMON, ...templateOf(answers).ignore(answers)];
  return `${groups.map(({ comment, patterns }) => [`# ${comment}`, ...patterns].join('\n')).join('\n\n')}\n`;
}
