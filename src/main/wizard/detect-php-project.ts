/**
 * Detects a PHP project: composer.json (or a bare index.php), the PHP version it pins
 * (`config.platform.php`, `.php-version`) or requires (`require.php` through pick-version), Laravel
 * or Symfony, the `ext-*` extensions it requires, and whether a web server in front (nginx in a
 * compose file) asks for PHP-FPM instead of Apache.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { PhpAnswers } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { pickVersion } from './pick-version';
import { jsonField, jsonKeys, jsonString, type ProjectFiles } from './project-files';

const PHP_VERSIONS = ['8.4', '8.3', '8.2', '8.1'];
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** A PHP project, or null without composer.json and index.php. */
export async function detectPhpProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const hasComposer = await files.hasFile('composer.json');
  const index = (await files.hasFile('public/index.php'))
    ? 'public/index.php'
    : (await files.hasFile('index.php'))
      ? 'index.php'
      : null;
  if (!hasComposer && index === null) return null;
  const composer = hasComposer ? await files.readJson('composer.json') : null;
  const evidence = [
    hasComposer ? 'composer.json: a PHP project managed by Composer' : `${index}: a PHP site`,
  ];
  const required = jsonKeys(composer, 'require');

  let framework: PhpAnswers['framework'] = 'none';
  if (required.includes('laravel/framework') || (await files.hasFile('artisan'))) {
    framework = 'laravel';
    evidence.push('Laravel (laravel/framework, artisan): serves public/');
  } else if (required.some((name) => name === 'symfony/framework-bundle' || name === 'symfony/runtime')) {
    framework = 'symfony';
    evidence.push('Symfony (symfony/framework-bundle): serves public/');
  }
  const documentRoot = framework !== 'none' || index === 'public/index.php' ? 'public' : '.';

  const { phpVersion, suggestions } = await detectPhpVersion(files, composer, evidence);
  const extensions = required
    .filter((name) => name.startsWith('ext-'))
    .map((name) => name.slice(4).toLowerCase());
  if (extensions.length > 0) evidence.push(`extensions required: ${extensions.join(', ')}`);

  let server: PhpAnswers['server'] = 'apache';
  for (const file of COMPOSE_FILES) {
    if (/\bnginx\b/.test((await files.read(file)) ?? '')) {
      server = 'fpm';
      evidence.push(`${file} runs nginx in front: PHP-FPM`);
      break;
    }
  }
  const composerLock = await files.hasFile('composer.lock');
  if (hasComposer && !composerLock) evidence.push('no composer.lock: versions are resolved at build time');
  const frontendBuild =
    typeof jsonField(await files.readJson('package.json'), 'scripts', 'build') === 'string';
  if (frontendBuild) evidence.push('package.json has a build script (front-end assets)');

  const answers: PhpAnswers = {
    ...defaultAnswers('php'),
    phpVersion,
    server,
    framework,
    documentRoot,
    composer: hasComposer,
    composerLock,
    extensions,
    frontendBuild,
    port: server === 'fpm' ? 9000 : 8080,
  };
  return {
    template: 'php',
    language: 'php',
    stack: [
      'PHP',
      ...(hasComposer ? ['Composer'] : []),
      ...(framework === 'laravel' ? ['Laravel'] : framework === 'symfony' ? ['Symfony'] : []),
    ],
    suggestions,
    evidence,
    answers,
  };
}

async function detectPhpVersion(
  files: ProjectFiles,
  composer: unknown,
  evidence: string[],
): Promise<{ phpVersion: string; suggestions: Record<string, string[]> }> {
  const exact = (
    version: string,
    source: string,
  ): { phpVersion: string; suggestions: Record<string, string[]> } => {
    evidence.push(`${source}: PHP ${version}`);
    const line = version.split('.').slice(0, 2).join('.');
    return { phpVersion: version, suggestions: line === version ? {} : { phpVersion: [version, line] } };
  };
  const platform = jsonString(composer, 'config', 'platform', 'php');
  if (platform && /^\d+\.\d+(\.\d+)?$/.test(platform.trim()))
    return exact(platform.trim(), 'composer.json config.platform.php');
  const pinned = (await files.read('.php-version'))?.trim();
  if (pinned && /^\d+\.\d+(\.\d+)?$/.test(pinned)) return exact(pinned, '.php-version');
  const requirement = jsonString(composer, 'require', 'php');
  const picked = requirement ? pickVersion(requirement, PHP_VERSIONS, '8.3') : null;
  if (requirement && picked) {
    evidence.push(`require.php "${requirement}": PHP ${picked}`);
    return { phpVersion: picked, suggestions: {} };
  }
  return { phpVersion: '8.3', suggestions: {} };
}
