/**
 * Looks at a project folder and tells the wizard which template fits, with answers prefilled from
 * the project's own files (versions found there become the base image tags).
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { CustomInstruction } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { detectGoProject, detectJavaProject, detectRustProject } from './detect-compiled-project';
import { detectNodeProject } from './detect-node-project';
import { detectPythonProject } from './detect-python-project';
import { jsonString, openProjectFiles, type ProjectFiles } from './project-files';
import { pickVersion } from './pick-version';

const SITE_FOLDERS = ['.', 'public', 'site', 'www', 'docs'];

/**
 * The template that fits the project in `dir`.
 *
 * Markers are checked from the most specific: go.mod, a Maven or Gradle build, Cargo.toml, Python
 * files, package.json, composer.json, then a plain index.html; a folder with none of them gets the
 * custom template. Never throws for unreadable files.
 */
export async function detectProject(dir: string): Promise<ProjectDetection> {
  const files = openProjectFiles(dir);
  const detectors = [
    detectGoProject,
    detectJavaProject,
    detectRustProject,
    detectPythonProject,
    detectNodeProject,
    detectPhpProject,
    detectStaticSite,
  ];
  for (const detect of detectors) {
    const found = await detect(files);
    if (found) return found;
  }
  return {
    template: 'custom',
    language: null,
    evidence: ['no known project files: start from the custom template'],
    answers: defaultAnswers('custom'),
  };
}

/** A PHP project as custom instructions (no PHP template), or null without composer.json. */
async function detectPhpProject(files: ProjectFiles): Promise<ProjectDetection | null> {
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
  return { template: 'custom', language: 'php', evidence, answers: { template: 'custom', instructions } };
}

/** A folder of HTML files, or null without index.html. */
async function detectStaticSite(files: ProjectFiles): Promise<ProjectDetection | null> {
  for (const folder of SITE_FOLDERS) {
    const path = folder === '.' ? 'index.html' : `${folder}/index.html`;
    if (await files.hasFile(path)) {
      return {
        template: 'static',
        language: 'html',
        evidence: [`${path}: a static website`],
        answers: { ...defaultAnswers('static'), siteDir: folder },
      };
    }
  }
  return null;
}
