/**
 * Detects a PHP project (composer.json); it has no template of its own yet and gets custom
 * instructions.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { CustomInstruction } from '../../shared/wizard/wizard-answers';
import { jsonString, type ProjectFiles } from './project-files';
import { pickVersion } from './pick-version';

/** A PHP project as custom instructions (no PHP template), or null without composer.json. */
export async function detectPhpProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const composer = await files.readJson('composer.json');
  if (composer === null) return null;
  const evidence = ['composer.json: a PHP project (no PHP template: prefilled custom instructions)'];
  const requirement = jsonString(composer, 'require', 'php');
  const version = (requirement && pickVersion(requirement, ['8.4', '8.3', '8.2', '8.1'], '8.3')) ?? '8.3';
  if (requirement) evidence.push(`require.php "${requirement}": PHP ${version}`);
  const lock = (await files.hasFile('composer.lock')) ? ' composer.lock' : '';
  const instructions: CustomInstruction[] = [
    { keyword: 'FROM', value: 'composer:2 AS vendor' },
    { keyword: 'WORKDIR', value: '/app' },
    { keyword: 'COPY', value: `composer.json${lock} ./` },
    { keyword: 'RUN', value: 'composer install --no-dev --no-interaction --no-scripts --prefer-dist' },
    { keyword: 'FROM', value: `php:${version}-apache` },
    { keyword: 'COPY', value: '. /var/www/html' },
    { keyword: 'COPY', value: '--from=vendor /app/vendor /var/www/html/vendor' },
    { keyword: 'EXPOSE', value: '80' },
  ];
  return {
    template: 'custom',
    language: 'php',
    stack: ['PHP', 'Composer'],
    suggestions: {},
    evidence,
    answers: { template: 'custom', instructions },
  };
}
