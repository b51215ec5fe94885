/**
 * Ruby with Bundler: gems compiled in a build stage that has the compilers, only the installed
 * gems copied into the final image; Rails, a Rack app (config.ru, Sinatra) or a plain script.
 * Defaults assume the Debian-based `-slim` image; `alpine` uses apk and busybox adduser.
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
import type { AppAnswers, EnvVariable, UserAnswer } from '../wizard-answers';
import type { IgnoreGroup, WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';
import { rubyCautions } from './ruby-cautions';

/** A Ruby app installed with Bundler. */
export interface RubyAnswers extends AppAnswers {
  template: 'ruby';
  /** `3.3`, or the exact version the project pins (`3.3.0`). */
  rubyVersion: string;
  variant: 'slim' | 'alpine';
  /** Packages the app needs at run time besides those its gems need. */
  systemPackages: string[];
  /** Whether Gemfile.lock exists: the install is then frozen to it. */
  gemfileLock: boolean;
  /** The Bundler version Gemfile.lock was made with (`BUNDLED WITH`), installed exactly; null for the image's own. */
  bundlerVersion: string | null;
  framework: 'rails' | 'sinatra' | 'rack' | 'none';
  /** Whether config.ru exists (Rack apps, Sinatra among them, start from it). */
  rackConfig: boolean;
  /** The Ruby file started for Sinatra without config.ru and for plain scripts: `app.rb`. */
  mainFile: string;
  /** The gems the Gemfile names: they decide the libraries to install and the server to start. */
  gems: string[];
  /** Whether the Gemfile takes gems from git (the build stage then needs git). */
  gitGems: boolean;
  /** Whether the Rails app has app/assets, which production serves precompiled. */
  assets: boolean;
}

const VARIANT_DETAILS: Record<RubyAnswers['variant'], string> = {
  slim: 'Debian with just what Ruby needs, about 200 MB: the usual choice',
  alpine: 'Alpine Linux, about 100 MB; gems with C code build against musl',
};

/** Gem → [build packages, run-time packages] on Debian and on Alpine. */
const NATIVE_GEMS: Record<string, { debian: [string[], string[]]; alpine: [string[], string[]] }> = {
  pg: { debian: [['libpq-dev'], ['libpq5']], alpine: [['libpq-dev'], ['libpq']] },
  mysql2: {
    debian: [['default-libmysqlclient-dev'], ['libmariadb3']],
    alpine: [['mariadb-dev'], ['mariadb-connector-c']],
  },
  sqlite3: { debian: [['libsqlite3-dev'], ['libsqlite3-0']], alpine: [['sqlite-dev'], ['sqlite-libs']] },
};

/** The official image: `ruby:3.3-slim` or `ruby:3.3-alpine`. */
export function rubyImage(answers: RubyAnswers): string {
  return `ruby:${answers.rubyVersion}-${answers.variant}`;
}

/** The suggested start command for the framework. */
export function suggestedRubyStart(answers: RubyAnswers): string {
  const { framework, port } = answers;
  if (framework === 'rails')
    return port === null || port === 3000
      ? 'bin/rails server -b 0.0.0.0'
      : `bin/rails server -b 0.0.0.0 -p ${port}`;
  if (answers.rackConfig && framework !== 'none') {
    return answers.gems.includes('puma')
      ? `bundle exec puma -b tcp://0.0.0.0:${port ?? 9292} config.ru`
      : `bundle exec rackup -o 0.0.0.0 -p ${port ?? 9292} config.ru`;
  }
  if (framework === 'sinatra') return `bundle exec ruby ${answers.mainFile} -o 0.0.0.0 -p ${port ?? 4567}`;
  return `bundle exec ruby ${answers.mainFile}`;
}

function packagesFor(answers: RubyAnswers, family: 'debian' | 'alpine', side: 0 | 1): string[] {
  const names: string[] = [];
  for (const gem of answers.gems) names.push(...(NATIVE_GEMS[gem]?.[family][side] ?? []));
  return names;
}

function buildPackages(answers: RubyAnswers, family: 'debian' | 'alpine'): string[] {
  const compilers = family === 'debian' ? ['build-essential'] : ['build-base'];
  // psych 5 (Rails 7.1 and later) compiles against libyaml.
  const yaml = answers.framework === 'rails' ? [family === 'debian' ? 'libyaml-dev' : 'yaml-dev'] : [];
  const git = answers.gitGems ? ['git'] : [];
  return [...new Set([...compilers, ...git, ...yaml, ...packagesFor(answers, family, 0)])];
}

/** Bundler's settings, the same in both stages so `bundle exec` sees the install it made. */
function bundleEnv(answers: RubyAnswers): EnvVariable[] {
  return [
    { name: 'BUNDLE_WITHOUT', value: 'development:test' },
    ...(answers.gemfileLock ? [{ name: 'BUNDLE_FROZEN', value: 'true' }] : []),
  ];
}

function frameworkEnv(answers: RubyAnswers): EnvVariable[] {
  if (answers.framework === 'rails') {
    return [
      { name: 'RAILS_ENV', value: 'production' },
      { name: 'RAILS_LOG_TO_STDOUT', value: '1' },
      { name: 'RAILS_SERVE_STATIC_FILES', value: '1' },
    ];
  }
  if (answers.framework === 'sinatra' || answers.framework === 'rack') {
    return [
      { name: 'APP_ENV', value: 'production' },
      { name: 'RACK_ENV', value: 'production' },
    ];
  }
  return [];
}

function ownerOf(user: UserAnswer): string {
  return user.kind === 'create' ? `${user.name}:${user.name}` : user.name;
}

/** The Dockerfile lines for a Ruby app. */
export function writeRuby(answers: RubyAnswers): DockerfileLine[] {
  const builder = rubyImage(answers);
  const image = answers.baseImage ?? builder;
  const builderFamily = familyFor(null, builder) === 'alpine' ? 'alpine' : 'debian';
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  const packageFamily = family === 'alpine' ? 'alpine' : 'debian';
  const runtimePackages = [
    ...new Set([...packagesFor(answers, packageFamily, 1), ...answers.systemPackages]),
  ];
  const writable = answers.framework === 'rails' ? ['db', 'log', 'storage', 'tmp'] : [];
  return present([
    line(`FROM ${builder} AS build`, 'Build stage: compilers for gems with C code; none of it ships'),
    envLine(
      bundleEnv(answers),
      'Skip development and test gems; with a lockfile, install exactly what it says',
    ),
    packagesLine(builderFamily, buildPackages(answers, builderFamily)),
    answers.bundlerVersion
      ? line(
          `RUN gem install bundler -v ${answers.bundlerVersion}`,
          `The Bundler version Gemfile.lock was made with (BUNDLED WITH ${answers.bundlerVersion})`,
        )
      : null,
    line('WORKDIR /app', 'Work in this folder'),
    line(
      `COPY ${answers.gemfileLock ? 'Gemfile Gemfile.lock' : 'Gemfile'} ./`,
      'Copy only the Gemfile first, so the install below stays cached',
    ),
    line(
      runText(['bundle install', 'rm -rf /usr/local/bundle/cache']),
      'Install the gems into /usr/local/bundle and drop the downloaded .gem files',
    ),
    BLANK,
    line(`FROM ${image}`, `Start from Ruby ${answers.rubyVersion}: ${VARIANT_DETAILS[answers.variant]}`),
    envLine(
      [...bundleEnv(answers), ...frameworkEnv(answers), ...answers.env],
      'The same Bundler settings as the build, and production mode',
    ),
    packagesLine(family, runtimePackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    line(
      'COPY --from=build /usr/local/bundle /usr/local/bundle',
      'Take only the installed gems from the build stage',
    ),
    line('COPY . .', 'Copy the code last: it changes most often'),
    writable.length > 0
      ? line(
          runText([
            `mkdir -p ${writable.join(' ')}`,
            `chown -R ${ownerOf(answers.user)} ${writable.join(' ')}`,
          ]),
          'Let Rails write its database, logs, uploads and pid files (only these folders)',
        )
      : null,
    ...closingLines(answers, user, suggestedRubyStart(answers)),
  ]);
}

function checkRuby(answers: RubyAnswers): WizardProblem[] {
  if (!/^[A-Za-z0-9_./-]+\.rb$/.test(answers.mainFile) || answers.mainFile.startsWith('/')) {
    return [
      { field: 'mainFile', message: 'Write the Ruby file to start relative to the project, such as app.rb.' },
    ];
  }
  return [];
}

const RUBY_IGNORE: IgnoreGroup = {
  comment: 'Ruby: installed gems, Rails keys, logs and temporary files',
  patterns: [
    '.bundle',
    'vendor/bundle',
    'config/master.key',
    'config/credentials/*.key',
    'log/*',
    'tmp/*',
    'node_modules',
  ],
};

const OPTIONS: readonly WizardOption<RubyAnswers>[] = [
  {
    key: 'rubyVersion',
    step: 'base',
    label: 'Ruby version',
    help: 'The version in .ruby-version or the Gemfile; an exact pin is offered first.',
    kind: 'choice',
    choices: ['3.4', '3.3', '3.2', '3.1'].map((value) => ({ value, label: `Ruby ${value}` })),
    examples: ['3.3', '3.4', '3.2'],
  },
  {
    key: 'variant',
    step: 'base',
    label: 'Image variant',
    help: 'How much of an operating system comes with Ruby.',
    kind: 'choice',
    choices: (['slim', 'alpine'] as const).map((value) => ({
      value,
      label: value,
      detail: VARIANT_DETAILS[value],
    })),
    examples: ['slim', 'alpine'],
  },
  BASE_IMAGE_OPTION,
  envOption(),
  PACKAGES_OPTION,
  WORKDIR_OPTION,
  userOption(),
  {
    key: 'gemfileLock',
    step: 'dependencies',
    label: 'The project has Gemfile.lock',
    help: 'Then Bundler installs exactly the locked versions and refuses a Gemfile that disagrees.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'bundlerVersion',
    step: 'dependencies',
    label: 'Bundler version',
    help: 'The BUNDLED WITH version of Gemfile.lock; empty for the Bundler that comes with Ruby.',
    kind: 'text',
    examples: [null, '2.5.10'],
  },
  {
    key: 'gems',
    step: 'dependencies',
    label: 'Gems in the Gemfile',
    help: 'Read from the Gemfile: pg and mysql2 bring their database libraries, puma decides how a Rack app starts.',
    kind: 'list',
    examples: [['rails', 'puma', 'pg'], ['sinatra'], []],
  },
  {
    key: 'framework',
    step: 'start',
    label: 'Framework',
    help: 'Decides the suggested start command and port.',
    kind: 'choice',
    choices: [
      { value: 'rails', label: 'Rails', detail: 'bin/rails server on 0.0.0.0:3000' },
      { value: 'sinatra', label: 'Sinatra', detail: 'ruby app.rb on 4567, or config.ru on 9292' },
      { value: 'rack', label: 'Rack', detail: 'config.ru with puma or rackup on 9292' },
      { value: 'none', label: 'None', detail: 'bundle exec ruby <file>' },
    ],
    examples: ['rails', 'sinatra', 'rack', 'none'],
  },
  {
    key: 'rackConfig',
    step: 'start',
    label: 'The project has config.ru',
    help: 'A Rack app starts from config.ru with puma or rackup.',
    kind: 'boolean',
    examples: [false, true],
  },
  {
    key: 'mainFile',
    step: 'start',
    label: 'Ruby file to start',
    help: 'For Sinatra without config.ru and for plain scripts: app.rb, main.rb.',
    kind: 'text',
    examples: ['app.rb'],
  },
  ...startOptions([3000, 9292, null], [null, 'bundle exec puma -C config/puma.rb']),
];

/** The Ruby template. */
export const rubyTemplate: WizardTemplate<RubyAnswers> = {
  id: 'ruby',
  title: 'Ruby',
  summary: 'A Ruby app with Bundler: Rails, Sinatra, a Rack app or a plain script.',
  assumes: 'Debian for slim (apt, useradd), Alpine for alpine (apk, adduser); gems in /usr/local/bundle.',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'FROM picks the official Ruby image, with the version from `.ruby-version` or the Gemfile pinned in the tag. ' +
        'It is used twice: a build stage adds compilers (build-essential), because many gems (puma, nokogiri, pg) ' +
        'contain C code; the final stage starts again from the small image and takes only the installed gems.',
    },
    ENV_STEP,
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN', 'COPY --from'],
      explanation:
        'Gemfile and Gemfile.lock are copied alone and `bundle install` runs before your code is copied: as long as ' +
        'they do not change, the install stays cached. BUNDLE_WITHOUT leaves out development and test gems; with a ' +
        'lockfile BUNDLE_FROZEN makes Bundler install exactly what it lists, with the Bundler version it names.',
    },
    {
      ...SOURCES_STEP,
      explanation: `${SOURCES_STEP.explanation} Rails may write only to db/, log/, storage/ and tmp/: those are given to the user the app runs as.`,
    },
    EXPOSE_STEP,
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} Servers must listen on 0.0.0.0 inside a container: Rails starts with ` +
        '`bin/rails server -b 0.0.0.0` (port 3000), a Rack app with puma or rackup (9292), Sinatra’s `ruby app.rb` ' +
        'with `-o 0.0.0.0` (4567).',
    },
  ],
  options: OPTIONS,
  write: writeRuby,
  ignore: () => [RUBY_IGNORE],
  cautions: rubyCautions,
  check: checkRuby,
  suggestedStart: suggestedRubyStart,
  finalBaseImage: (answers) => answers.baseImage ?? rubyImage(answers),
  defaults: {
    template: 'ruby',
    ...appDefaults(3000),
    rubyVersion: '3.3',
    variant: 'slim',
    systemPackages: [],
    gemfileLock: true,
    bundlerVersion: null,
    framework: 'rails',
    rackConfig: false,
    mainFile: 'app.rb',
    gems: ['rails', 'puma'],
    gitGems: false,
    assets: false,
  },
};
