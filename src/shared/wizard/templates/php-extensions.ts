/**
 * How the official php images get the extensions a project requires (`ext-intl` in composer.json):
 * compiled in already, built with docker-php-ext-install (with the libraries they need), or built
 * from PECL.
 */

// Compiled into every official php image (php -m on php:8.x-apache and -fpm).
const BUILT_IN = new Set([
  'core',
  'ctype',
  'curl',
  'date',
  'dom',
  'fileinfo',
  'filter',
  'hash',
  'iconv',
  'json',
  'libxml',
  'mbstring',
  'mysqlnd',
  'openssl',
  'pcre',
  'pdo',
  'pdo_sqlite',
  'phar',
  'posix',
  'random',
  'readline',
  'reflection',
  'session',
  'simplexml',
  'sodium',
  'spl',
  'sqlite3',
  'standard',
  'tokenizer',
  'xml',
  'xmlreader',
  'xmlwriter',
  'zlib',
]);

/** docker-php-ext-install extension → [Debian packages, Alpine packages] it needs to build and run. */
const BUNDLED: Record<string, readonly [readonly string[], readonly string[]]> = {
  bcmath: [[], []],
  bz2: [['libbz2-dev'], ['bzip2-dev']],
  calendar: [[], []],
  exif: [[], []],
  gd: [
    ['libfreetype6-dev', 'libjpeg62-turbo-dev', 'libpng-dev'],
    ['freetype-dev', 'libjpeg-turbo-dev', 'libpng-dev'],
  ],
  gettext: [[], ['gettext-dev']],
  gmp: [['libgmp-dev'], ['gmp-dev']],
  intl: [['libicu-dev'], ['icu-dev']],
  mysqli: [[], []],
  opcache: [[], []],
  pcntl: [[], []],
  pdo_mysql: [[], []],
  pdo_pgsql: [['libpq-dev'], ['libpq-dev']],
  pgsql: [['libpq-dev'], ['libpq-dev']],
  shmop: [[], []],
  soap: [['libxml2-dev'], ['libxml2-dev']],
  sockets: [[], []],
  sysvmsg: [[], []],
  sysvsem: [[], []],
  sysvshm: [[], []],
  xsl: [['libxslt1-dev'], ['libxslt-dev']],
  zip: [['libzip-dev'], ['libzip-dev']],
};

/** PECL extension → [Debian packages, Alpine packages]. */
const PECL: Record<string, readonly [readonly string[], readonly string[]]> = {
  apcu: [[], []],
  igbinary: [[], []],
  imagick: [['libmagickwand-dev'], ['imagemagick-dev']],
  mongodb: [[], []],
  redis: [[], []],
};

/** What installing a set of extensions takes. */
export interface ExtensionPlan {
  /** System packages the extensions build against (and load at run time). */
  packages: string[];
  /** Names for docker-php-ext-install. */
  bundled: string[];
  /** Names for `pecl install` and docker-php-ext-enable. */
  pecl: string[];
  /** Extensions the wizard does not know how to install. */
  unknown: string[];
}

/** The plan for the extensions, on a Debian or Alpine php image; names compare in lower case. */
export function planExtensions(extensions: readonly string[], family: 'debian' | 'alpine'): ExtensionPlan {
  const plan: ExtensionPlan = { packages: [], bundled: [], pecl: [], unknown: [] };
  const side = family === 'debian' ? 0 : 1;
  for (const raw of extensions) {
    const name = raw.toLowerCase();
    if (BUILT_IN.has(name)) continue;
    const bundled = BUNDLED[name];
    const pecl = PECL[name];
    if (bundled) {
      plan.bundled.push(name);
      plan.packages.push(...bundled[side]);
    } else if (pecl) {
      plan.pecl.push(name);
      plan.packages.push(...pecl[side]);
    } else {
      plan.unknown.push(raw);
    }
  }
  plan.packages = [...new Set(plan.packages)].sort();
  return plan;
}
