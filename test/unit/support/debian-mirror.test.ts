import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debianMirrorFor } from '../../support/debian-mirror';

let apt: string;
beforeEach(() => {
  apt = mkdtempSync(join(tmpdir(), 'dw-apt-'));
  mkdirSync(join(apt, 'sources.list.d'));
});
afterEach(() => rmSync(apt, { recursive: true, force: true }));

describe('debianMirrorFor', () => {
  it('reads the URI of the deb822 stanza that serves the suite, not the security one', () => {
    writeFileSync(
      join(apt, 'sources.list.d', 'debian.sources'),
      [
        'Types: deb',
        'URIs: http://mirror.example/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main',
        '',
        'Types: deb',
        'URIs: http://mirror.example/debian-security',
        'Suites: bookworm-security',
      ].join('\n'),
    );
    expect(debianMirrorFor('bookworm', apt)).toBe('http://mirror.example/debian');
    expect(debianMirrorFor('bookworm-security', apt)).toBe('http://mirror.example/debian-security');
  });

  it('reads one-line sources.list entries with options, and skips disabled files and deb-src', () => {
    writeFileSync(
      join(apt, 'sources.list'),
      'deb-src http://src.example/debian trixie main\n# deb http://old/ trixie main\n',
    );
    writeFileSync(
      join(apt, 'sources.list.d', 'x.list.disabled'),
      'deb http://disabled.example/ trixie main\n',
    );
    writeFileSync(
      join(apt, 'sources.list.d', 'y.list'),
      'deb [arch=amd64] http://one.example/debian trixie main\n',
    );
    expect(debianMirrorFor('trixie', apt)).toBe('http://one.example/debian');
  });

  it('says which suite has no source', () => {
    expect(() => debianMirrorFor('sid', apt)).toThrow(/No apt source for the Debian suite "sid"/);
  });
});
