import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { planExtensions } from '../../../../../src/shared/wizard/templates/php-extensions';
import { phpCautions } from '../../../../../src/shared/wizard/templates/php-template';
import type { PhpAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const php = (answers: Partial<PhpAnswers>): PhpAnswers => ({ ...defaultAnswers('php'), ...answers });
const messages = (answers: PhpAnswers): string =>
  phpCautions(answers)
    .map((caution) => caution.message)
    .join('\n');

describe('planExtensions', () => {
  it('builds what the image lacks, with its libraries, and skips what it has', () => {
    expect(
      planExtensions(['mbstring', 'intl', 'zip', 'pdo_mysql', 'redis', 'Ctype', 'frobnicate'], 'debian'),
    ).toEqual({
      packages: ['libicu-dev', 'libzip-dev'],
      bundled: ['intl', 'zip', 'pdo_mysql'],
      pecl: ['redis'],
      unknown: ['frobnicate'],
    });
    expect(planExtensions(['intl', 'gd'], 'alpine').packages).toEqual([
      'freetype-dev',
      'icu-dev',
      'libjpeg-turbo-dev',
      'libpng-dev',
    ]);
  });
});

describe('php template', () => {
  it('installs Composer dependencies in their own stage from the manifests alone, then serves Laravel from public/ as www-data on 8080', () => {
    const text = generateDockerfile(php({ framework: 'laravel', documentRoot: 'public' }));
    const order = [
      'FROM composer:2 AS vendor',
      'COPY composer.json composer.lock ./',
      'RUN composer install --no-dev',
      'COPY . .',
      'FROM php:8.3-apache',
      "sed -i 's/^Listen 80$/Listen 8080/' /etc/apache2/ports.conf",
      "sed -ri 's!/var/www/html!/var/www/html/public!g' /etc/apache2/sites-available/*.conf",
      'WORKDIR /var/www/html',
      'COPY --from=vendor /app/vendor ./vendor',
      'chown -R www-data storage bootstrap/cache',
      'USER www-data',
      'EXPOSE 8080',
      'CMD ["apache2-foreground"]',
    ];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('leaves Apache on port 80 and the default folder for a plain site when asked', () => {
    const text = generateDockerfile(php({ port: 80, composer: false }));
    expect(text).not.toContain('Listen');
    expect(text).not.toContain('/var/www/html/');
    expect(text).not.toContain('composer');
    expect(text).toContain('RUN a2enmod rewrite\n');
  });

  it('builds the required extensions after their libraries', () => {
    const text = generateDockerfile(php({ extensions: ['gd', 'redis', 'mbstring'] }));
    expect(text).toContain(
      'apt-get install -y --no-install-recommends libfreetype6-dev libjpeg62-turbo-dev libpng-dev',
    );
    expect(text).toContain('docker-php-ext-configure gd --with-freetype --with-jpeg');
    expect(text).toContain('docker-php-ext-install gd');
    expect(text).toContain('pecl install redis \\\n    && docker-php-ext-enable redis');
    expect(text).not.toContain('mbstring');
  });

  it('runs PHP-FPM on the exact version and moves it off 9000 only when asked', () => {
    const fpm = php({ server: 'fpm', port: 9000, phpVersion: '8.2.15' });
    expect(generateDockerfile(fpm)).toContain('FROM php:8.2.15-fpm');
    expect(generateDockerfile(fpm)).toContain('CMD ["php-fpm"]');
    expect(generateDockerfile(fpm)).not.toContain('zz-docker.conf');
    expect(generateDockerfile({ ...fpm, port: 9001 })).toContain('s/^listen = 9000$/listen = 9001/');
  });

  it('cautions that FPM needs a web server, about unknown extensions, unbuilt assets and Laravel’s key', () => {
    expect(messages(php({}))).toBe('');
    expect(messages(php({ server: 'fpm' }))).toContain('PHP-FPM does not answer HTTP');
    expect(messages(php({ extensions: ['intl', 'frobnicate'] }))).toContain('PHP extension frobnicate');
    expect(messages(php({ frontendBuild: true }))).toContain('Vite manifest not found');
    expect(messages(php({ framework: 'laravel' }))).toContain('APP_KEY');
  });
});
