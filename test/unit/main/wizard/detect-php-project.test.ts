import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectPhpProject } from '../../../../src/main/wizard/detect-php-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { PhpAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-php-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function detect(files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const detection = await detectPhpProject(openProjectFiles(dir));
  return { detection, answers: detection?.answers as PhpAnswers | undefined };
}

const composer = (value: object): string => JSON.stringify(value);

describe('detectPhpProject', () => {
  it('is not a PHP project without composer.json or index.php', async () => {
    expect((await detect({ 'index.html': '<h1>hi</h1>' })).detection).toBeNull();
  });

  it.each([
    [{ require: { php: '^8.2' } }, {}, '8.3', {}],
    [{ require: { php: '~8.1.0' } }, {}, '8.1', {}],
    [{ require: { php: '>=7.4 <8.2' } }, {}, '8.1', {}],
    [
      { require: { php: '^8.1' }, config: { platform: { php: '8.2.15' } } },
      {},
      '8.2.15',
      { phpVersion: ['8.2.15', '8.2'] },
    ],
    [{ require: { php: '^8.1' } }, { '.php-version': '8.4.1\n' }, '8.4.1', { phpVersion: ['8.4.1', '8.4'] }],
    [{}, {}, '8.3', {}],
  ])('takes PHP from %j and %j: %s', async (json, extra, version, suggestions) => {
    const { detection, answers } = await detect({ 'composer.json': composer(json), ...extra });
    expect(answers?.phpVersion).toBe(version);
    expect(detection?.suggestions).toEqual(suggestions);
  });

  it('recognises Laravel by artisan alone and serves public/', async () => {
    const { detection, answers } = await detect({ 'composer.json': '{}', artisan: '#!/usr/bin/env php\n' });
    expect(detection?.stack).toEqual(['PHP', 'Composer', 'Laravel']);
    expect(answers).toMatchObject({
      framework: 'laravel',
      documentRoot: 'public',
      server: 'apache',
      port: 8080,
    });
  });

  it('reads the ext-* requirements, not those of require-dev', async () => {
    const { answers } = await detect({
      'composer.json': composer({
        require: { 'ext-intl': '*', 'ext-PDO_MySQL': '*' },
        'require-dev': { 'ext-xdebug': '*' },
      }),
    });
    expect(answers?.extensions).toEqual(['intl', 'pdo_mysql']);
  });

  it('chooses PHP-FPM on 9000 when a compose file runs nginx in front', async () => {
    const { answers, detection } = await detect({
      'composer.json': '{}',
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    });
    expect(answers).toMatchObject({ server: 'fpm', port: 9000 });
    expect(detection?.evidence.join('\n')).toContain('compose.yaml runs nginx');
  });

  it('serves a plain public/index.php site from public/ without Composer', async () => {
    const { detection, answers } = await detect({ 'public/index.php': '<?php echo 1;' });
    expect(detection?.stack).toEqual(['PHP']);
    expect(answers).toMatchObject({ composer: false, composerLock: false, documentRoot: 'public' });
  });

  it('notes a missing composer.lock and a front-end build script', async () => {
    const { detection, answers } = await detect({
      'composer.json': '{}',
      'package.json': composer({ scripts: { build: 'vite build' } }),
    });
    expect(answers).toMatchObject({ composerLock: false, frontendBuild: true });
    expect(detection?.evidence.join('\n')).toContain('no composer.lock');
  });
});
