/**
 * PHP on the official php image: Composer dependencies installed in a composer:2 stage, the
 * extensions the project requires built with docker-php-ext-install, and either Apache (answers
 * HTTP itself; run as www-data on an unprivileged port) or PHP-FPM (FastCGI on 9000, behind a web
 * server). The php images are Debian (apt); the www-data user exists in them.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  PACKAGES_OPTION,
  PACKAGES_STEP,
  SOURCES_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  BLANK,
  closingLines,
  type DockerfileLine,
  envLine,
  familyFor,
  line,
  packagesLine,
  present,
  runText,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers, UserAnswer } from '../wizard-answers';
import type { IgnoreGroup, WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';
import { planExtensions } from './php-extensions';

/** A PHP app served by Apache or PHP-FPM from the official php image. */
export interface PhpAnswers extends AppAnswers {
  template: 'php';
  /** `8.3`, or the exact version the project pins (`8.2.15`). */
  phpVersion: string;
  server: 'apache' | 'fpm';
  framework: 'laravel' | 'symfony' | 'none';
  /** The folder Apache serves, relative to the workdir: `public` for Laravel and Symfony, `.` for plain PHP. */
  documentRoot: string;
  /** Whether the project has composer.json (its dependencies are installed in a composer stage). */
  composer: boolean;
  /** Whether composer.lock exists, so the install takes the locked versions. */
  composerLock: boolean;
  /** Extensions the project requires (`ext-intl` → `intl`); those the image lacks are built. */
  extensions: string[];
  systemPackages: string[];
  /** Whether package.json has a build script (Vite assets) that this image does not run. */
  frontendBuild: boolean;
}

const SERVERS: Record<PhpAnswers['server'], string> = {
  apache: 'Apache with mod_php: answers HTTP by itself',
  fpm: 'PHP-FPM: speaks FastCGI on port 9000 and needs a web server (nginx) in front',
};

/** The folders a framework writes to at run time (cache, logs, sessions). */
const WRITABLE: Record<PhpAnswers['framework'], string[]> = {
  laravel: ['storage', 'bootstrap/cache'],
  symfony: ['var'],
  none: [],
};

/** The official image: `php:8.3-apache` or `php:8.3-fpm`. */
export function phpImage(answers: PhpAnswers): string {
  return answers.baseImage ?? `php:${answers.phpVersion}-${answers.server}`;
}

/** The suggested start command: the image's own Apache or FPM in the foreground. */
export function suggestedPhpStart(answers: PhpAnswers): string {
  return answers.server === 'apache' ? 'apache2-foreground' : 'php-fpm';
}

/** The folder Apache serves. */
export function phpServedFolder(answers: PhpAnswers): string {
  const root = answers.documentRoot.replace(/^\.?\/*|\/+$/g, '');
  const workdir = answers.workdir.replace(/\/+$/, '');
  return root === '' || root === '.' ? workdir : `${workdir}/${root}`;
}

function composerStage(answers: PhpAnswers): (DockerfileLine | null)[] {
  if (!answers.composer) return [];
  return [
    line('FROM composer:2 AS vendor', 'Composer stage: installs the PHP dependencies; only vendor/ ships'),
    line('WORKDIR /app', 'Work in this folder'),
    line(
      `COPY ${answers.composerLock ? 'composer.json composer.lock' : 'composer.json'} ./`,
      'Copy only the dependency files first, so the install below stays cached',
    ),
    line(
      'RUN composer install --no-dev --no-interaction --no-scripts --no-autoloader --prefer-dist --ignore-platform-reqs',
      'Install without dev packages; the extensions are checked in the final image, not in this one',
    ),
    line('COPY . .', 'Copy the code: the optimized autoloader maps its classes'),
    line(
      'RUN composer dump-autoload --no-dev --optimize --no-scripts',
      'Write vendor/autoload.php with a class map of the project',
    ),
    BLANK,
  ];
}

function extensionLines(answers: PhpAnswers, family: 'debian' | 'alpine'): (DockerfileLine | null)[] {
  const plan = planExtensions(answers.extensions, family);
  const commands: string[] = [];
  if (plan.bundled.includes('gd')) commands.push('docker-php-ext-configure gd --with-freetype --with-jpeg');
  if (plan.bundled.length > 0) commands.push(`docker-php-ext-install ${plan.bundled.join(' ')}`);
  if (plan.pecl.length > 0)
    commands.push(`pecl install ${plan.pecl.join(' ')}`, `docker-php-ext-enable ${plan.pecl.join(' ')}`);
  return [
    packagesLine(family, [...new Set([...plan.packages, ...answers.systemPackages])]),
    commands.length > 0
      ? line(runText(commands), 'Build the PHP extensions the project requires (composer.json ext-*)')
      : null,
  ];
}

function serverLines(answers: PhpAnswers): DockerfileLine | null {
  if (answers.server === 'fpm') {
    return answers.port === null || answers.port === 9000
      ? null
      : line(
          `RUN sed -i 's/^listen = 9000$/listen = ${answers.port}/' /usr/local/etc/php-fpm.d/zz-docker.conf`,
          `Make PHP-FPM listen on port ${answers.port} instead of 9000`,
        );
  }
  const commands = ['a2enmod rewrite'];
  if (answers.port !== null && answers.port !== 80) {
    commands.push(
      `sed -i 's/^Listen 80$/Listen ${answers.port}/' /etc/apache2/ports.conf`,
      `sed -i 's/:80>/:${answers.port}>/' /etc/apache2/sites-available/000-default.conf`,
    );
  }
  const served = phpServedFolder(answers);
  if (served !== '/var/www/html') {
    commands.push(
      `sed -ri 's!/var/www/html!${served}!g' /etc/apache2/sites-available/*.conf`,
      `sed -ri 's!/var/www/!${served}/!g' /etc/apache2/apache2.conf /etc/apache2/conf-available/*.conf`,
    );
  }
  return line(
    runText(commands),
    'Turn on URL rewriting (.htaccess), listen on an unprivileged port and serve the public folder',
  );
}

function ownerOf(user: UserAnswer): string {
  return user.kind === 'create' ? `${user.name}:${user.name}` : user.name;
}

/** The Dockerfile lines for a PHP app. */
export function writePhp(answers: PhpAnswers): DockerfileLine[] {
  const image = phpImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  const writable = WRITABLE[answers.framework];
  return present([
    ...composerStage(answers),
    line(`FROM ${image}`, `Start from PHP ${answers.phpVersion}: ${SERVERS[answers.server]}`),
    envLine(answers.env, 'Settings for the app'),
    ...(family === 'alpine' ? extensionLines(answers, 'alpine') : extensionLines(answers, 'debian')),
    serverLines(answers),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'The folder the php image serves from'),
    line('COPY . .', 'Copy the code'),
    answers.composer
      ? line(
          'COPY --from=vendor /app/vendor ./vendor',
          'Take the installed dependencies from the composer stage',
        )
      : null,
    writable.length > 0
      ? line(
          runText([
            `mkdir -p ${writable.join(' ')}`,
            `chown -R ${ownerOf(answers.user)} ${writable.join(' ')}`,
          ]),
          'Let the app write its cache, logs and sessions (only these folders)',
        )
      : null,
    ...closingLines(answers, user, suggestedPhpStart(answers)),
  ]);
}

function checkPhp(answers: PhpAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (answers.documentRoot.includes('..') || answers.documentRoot.startsWith('/')) {
    problems.push({
      field: 'documentRoot',
      message: 'Write the folder relative to the project, such as public (or . for the project itself).',
    });
  }
  const bad = answers.extensions.find((name) => !/^[A-Za-z0-9_]+$/.test(name));
  if (bad !== undefined)
    problems.push({ field: 'extensions', message: `"${bad}" is not an extension name.` });
  return problems;
}

/** What the wizard cannot promise about a PHP image. */
export function phpCautions(answers: PhpAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  if (answers.server === 'fpm') {
    cautions.push({
      field: 'server',
      message:
        'PHP-FPM does not answer HTTP: a browser gets nothing from port 9000. Put a web server in front ' +
        '(nginx with `fastcgi_pass <container>:9000`, sharing the public files), or choose Apache.',
    });
  }
  const unknown = planExtensions(answers.extensions, 'debian').unknown;
  if (unknown.length > 0) {
    cautions.push({
      field: 'extensions',
      message: `The wizard does not know how to install the PHP extension ${unknown.join(', ')}: add its RUN step yourself.`,
    });
  }
  if (answers.frontendBuild) {
    cautions.push({
      field: 'frontendBuild',
      message:
        'package.json has a build script (Vite) that this image does not run: pages using the built assets fail ' +
        '("Vite manifest not found") unless public/build is built before `docker build` or in a Node stage.',
    });
  }
  if (answers.framework === 'laravel') {
    cautions.push({
      field: 'env',
      message:
        'Laravel needs its APP_KEY at run time: pass it with `docker run -e APP_KEY=base64:…` (never in the image; .env is not copied).',
    });
  }
  return cautions;
}

const PHP_IGNORE: IgnoreGroup = {
  comment: 'PHP: installed dependencies and caches (the image installs its own)',
  patterns: ['vendor', 'node_modules', 'storage/logs/*', 'storage/framework/cache/*', 'var/cache', 'var/log'],
};

const OPTIONS: readonly WizardOption<PhpAnswers>[] = [
  {
    key: 'phpVersion',
    step: 'base',
    label: 'PHP version',
    help: 'The version composer.json requires; an exact pin (config.platform.php) is offered first.',
    kind: 'choice',
    choices: ['8.4', '8.3', '8.2', '8.1'].map((value) => ({ value, label: `PHP ${value}` })),
    examples: ['8.3', '8.4', '8.1'],
  },
  {
    key: 'server',
    step: 'base',
    label: 'Web server',
    help: 'Apache answers HTTP itself; FPM needs nginx or another web server in front.',
    kind: 'choice',
    choices: (['apache', 'fpm'] as const).map((value) => ({ value, label: value, detail: SERVERS[value] })),
    examples: ['apache', 'fpm'],
  },
  BASE_IMAGE_OPTION,
  envOption(),
  { ...PACKAGES_OPTION, examples: [[], ['git']] },
  {
    key: 'extensions',
    step: 'packages',
    label: 'PHP extensions',
    help: 'The ext-* entries of composer.json (intl, zip, pdo_mysql, gd, redis); built-in ones need nothing.',
    kind: 'list',
    examples: [[], ['intl', 'zip', 'pdo_mysql'], ['gd', 'redis', 'mbstring']],
  },
  WORKDIR_OPTION,
  userOption(
    [
      { kind: 'existing', name: 'www-data' },
      { kind: 'create', name: 'app', uid: 10001 },
    ],
    'www-data is the php image’s own web user; Apache and FPM run as it without root.',
  ),
  {
    key: 'composer',
    step: 'dependencies',
    label: 'Install Composer dependencies',
    help: 'From composer.json, in a composer:2 stage without dev packages.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'composerLock',
    step: 'dependencies',
    label: 'The project has composer.lock',
    help: 'Then the install takes exactly the locked versions.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'framework',
    step: 'sources',
    label: 'Framework',
    help: 'Laravel and Symfony serve public/ and write to storage/ or var/.',
    kind: 'choice',
    choices: [
      { value: 'laravel', label: 'Laravel' },
      { value: 'symfony', label: 'Symfony' },
      { value: 'none', label: 'None' },
    ],
    examples: ['laravel', 'symfony', 'none'],
  },
  {
    key: 'documentRoot',
    step: 'sources',
    label: 'Public folder',
    help: 'The folder Apache serves: public for Laravel and Symfony, . for the project itself.',
    kind: 'text',
    examples: ['public', '.'],
  },
  ...startOptions([8080, 80, null], [null]),
];

/** The PHP template. */
export const phpTemplate: WizardTemplate<PhpAnswers> = {
  id: 'php',
  title: 'PHP',
  summary: 'A PHP app (Laravel, Symfony or plain PHP) with Composer, served by Apache or PHP-FPM.',
  assumes: 'The official php images: Debian (apt, docker-php-ext-install), with the www-data user.',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'The official php image comes in two shapes. `php:8.3-apache` has Apache with PHP built in: it answers HTTP ' +
        'by itself, the simple choice. `php:8.3-fpm` runs PHP-FPM, which speaks FastCGI on port 9000 and needs a web ' +
        'server such as nginx in front. The version is pinned in the tag, so a rebuild gives the same PHP.',
    },
    ENV_STEP,
    {
      ...PACKAGES_STEP,
      explanation:
        `${PACKAGES_STEP.explanation} PHP extensions your composer.json requires (\`ext-intl\`, \`ext-zip\`) are ` +
        'built with the image’s own `docker-php-ext-install`, after the libraries they need (libicu-dev, libzip-dev); ' +
        'extensions the image has already (mbstring, pdo_sqlite, curl) need nothing.',
    },
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['FROM', 'COPY', 'RUN', 'COPY --from'],
      explanation:
        'Composer runs in its own stage (`composer:2`), so Composer itself never ships. composer.json and composer.lock ' +
        'are copied alone first and `composer install --no-dev` runs before the code is copied: as long as they do ' +
        'not change, the install stays cached. Only the vendor/ folder is copied into the final image.',
    },
    {
      ...SOURCES_STEP,
      explanation:
        `${SOURCES_STEP.explanation} Laravel and Symfony serve the \`public\` folder, so Apache’s document root is ` +
        'moved there and `.htaccess` rewriting is turned on; the folders the framework writes to (storage/, ' +
        'bootstrap/cache/ or var/) are given to the user the app runs as.',
    },
    {
      ...EXPOSE_STEP,
      explanation:
        `${EXPOSE_STEP.explanation} Apache in the php image listens on 80 and starts as root. The wizard runs it as ` +
        'www-data instead and moves it to 8080 (ports.conf), because a plain user may not open ports below 1024 on ' +
        'every engine: publish it with `docker run -p 8080:8080` (or `-p 80:8080`). PHP-FPM listens on 9000.',
    },
    START_STEP,
  ],
  options: OPTIONS,
  write: writePhp,
  ignore: () => [PHP_IGNORE],
  cautions: phpCautions,
  check: checkPhp,
  suggestedStart: suggestedPhpStart,
  finalBaseImage: phpImage,
  defaults: {
    template: 'php',
    ...appDefaults(8080, { kind: 'existing', name: 'www-data' }),
    workdir: '/var/www/html',
    phpVersion: '8.3',
    server: 'apache',
    framework: 'none',
    documentRoot: '.',
    composer: true,
    composerLock: true,
    extensions: [],
    systemPackages: [],
    frontendBuild: false,
  },
};
