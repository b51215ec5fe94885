/**
 * The .dockerignore that goes with a generated Dockerfile: what never belongs in an image (version
 * control, secrets, local tooling) plus each language's caches and build output.
 */
import { assertNever } from '../result';
import type { WizardAnswers } from './wizard-answers';

interface IgnoreGroup {
  comment: string;
  patterns: string[];
}

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

const NODE: IgnoreGroup = {
  comment: 'Node.js: dependencies are installed inside the image',
  patterns: ['**/node_modules', '.npm', '.pnpm-store', '.yarn/cache', 'coverage'],
};

/** The .dockerignore text for the answers, ending with a line break. */
export function generateDockerignore(answers: WizardAnswers): string {
  const groups = [...COMMON, ...languageGroups(answers)];
  return `${groups.map(({ comment, patterns }) => [`# ${comment}`, ...patterns].join('\n')).join('\n\n')}\n`;
}

function languageGroups(answers: WizardAnswers): IgnoreGroup[] {
  switch (answers.template) {
    case 'python':
      return [
        {
          comment: 'Python: virtual environments, caches and build output',
          patterns: [
            '.venv',
            'venv',
            '**/__pycache__',
            '**/*.py[cod]',
            '.pytest_cache',
            '.mypy_cache',
            '.ruff_cache',
            '.tox',
            '.coverage',
            'htmlcov',
            '*.egg-info',
            'build',
            'dist',
          ],
        },
      ];
    case 'node':
      // The build runs inside the image, so a local build output would only be stale.
      return [
        { ...NODE, patterns: [...NODE.patterns, ...(answers.buildScript ? [answers.buildOutput] : [])] },
      ];
    case 'go':
      return [{ comment: 'Go: test binaries and profiles', patterns: ['**/*.test', '**/*.out'] }];
    case 'java':
      return [
        {
          comment: 'Java: build output and tool caches (the build runs inside the image)',
          patterns: ['target', 'build', '.gradle', 'out', '**/*.class', '*.iml'],
        },
      ];
    case 'static':
      return answers.build === 'node' ? [{ ...NODE, patterns: [...NODE.patterns, answers.buildOutput] }] : [];
    case 'os':
    case 'service':
    case 'custom':
      return [];
    default:
      return assertNever(answers);
  }
}
