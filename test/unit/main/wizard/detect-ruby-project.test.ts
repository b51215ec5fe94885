import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectRubyProject, readGemfile } from '../../../../src/main/wizard/detect-ruby-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { RubyAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-ruby-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function detect(files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const detection = await detectRubyProject(openProjectFiles(dir));
  return { detection, answers: detection?.answers as RubyAnswers | undefined };
}

describe('readGemfile', () => {
  it('names the gems outside development and test groups, and the ruby line', () => {
    const gemfile = readGemfile(
      [
        "source 'https://rubygems.org'",
        "ruby '3.2.4'",
        "gem 'rails', '~> 7.1' # the framework",
        'gem "sidekiq", github: "sidekiq/sidekiq"',
        "gem 'rubocop', group: :development",
        'group :development, :test do',
        "  gem 'rspec-rails'",
        '  platforms :mri do',
        "    gem 'byebug'",
        '  end',
        'end',
        'group :production do',
        "  gem 'pg'",
        'end',
        "gem 'puma'",
      ].join('\n'),
    );
    expect(gemfile).toEqual({ gems: ['rails', 'sidekiq', 'pg', 'puma'], ruby: '3.2.4', gitGems: true });
  });
});

describe('detectRubyProject', () => {
  it('is not a Ruby project without a Gemfile', async () => {
    expect((await detect({ 'app.rb': 'puts 1' })).detection).toBeNull();
  });

  it.each([
    [{ '.ruby-version': 'ruby-3.2.3\n' }, '3.2.3', { rubyVersion: ['3.2.3', '3.2'] }],
    [{ '.ruby-version': '3.4\n' }, '3.4', {}],
    [{ '.tool-versions': 'nodejs 20.11.1\nruby 3.1.6\n' }, '3.1.6', { rubyVersion: ['3.1.6', '3.1'] }],
    [{ Gemfile: 'ruby "~> 3.1.4"\ngem "rake"' }, '3.1', {}],
    [{ Gemfile: 'ruby ">= 3.2"\ngem "rake"' }, '3.3', {}],
    [
      { 'Gemfile.lock': 'RUBY VERSION\n   ruby 3.3.5p100\n\nBUNDLED WITH\n   2.5.16\n' },
      '3.3.5',
      { rubyVersion: ['3.3.5', '3.3'] },
    ],
    [{}, '3.3', {}],
  ])('takes Ruby from %j: %s', async (files, version, suggestions) => {
    const { detection, answers } = await detect({ Gemfile: 'gem "rake"\n', ...files });
    expect(answers?.rubyVersion).toBe(version);
    expect(detection?.suggestions).toEqual(suggestions);
  });

  it('installs the Bundler version of BUNDLED WITH', async () => {
    const { answers } = await detect({ Gemfile: 'gem "rake"', 'Gemfile.lock': 'BUNDLED WITH\n   2.5.16\n' });
    expect(answers).toMatchObject({ gemfileLock: true, bundlerVersion: '2.5.16' });
  });

  it.each([
    [{ Gemfile: 'gem "rails"' }, 'rails', 3000, ['Ruby', 'Bundler', 'Rails']],
    [
      { Gemfile: 'gem "railties"\ngem "puma"', 'config.ru': 'run Rails.application' },
      'rails',
      3000,
      ['Ruby', 'Bundler', 'Rails'],
    ],
    [{ Gemfile: 'gem "sinatra"', 'app.rb': '' }, 'sinatra', 4567, ['Ruby', 'Bundler', 'Sinatra']],
    [{ Gemfile: 'gem "sinatra"', 'config.ru': 'run App' }, 'sinatra', 9292, ['Ruby', 'Bundler', 'Sinatra']],
    [
      { Gemfile: 'gem "rack"', 'config.ru': 'run ->(env) { [200, {}, ["ok"]] }' },
      'rack',
      9292,
      ['Ruby', 'Bundler', 'Rack'],
    ],
    [{ Gemfile: 'gem "nokogiri"', 'scrape.rb': '' }, 'none', null, ['Ruby', 'Bundler']],
  ])('recognises %j as %s on port %s', async (files, framework, port, stack) => {
    const { detection, answers } = await detect(files);
    expect(answers).toMatchObject({ framework, port });
    expect(detection?.stack).toEqual(stack);
  });

  it('starts the only Ruby file of a plain script', async () => {
    expect((await detect({ Gemfile: 'gem "httparty"', 'scrape.rb': '' })).answers?.mainFile).toBe(
      'scrape.rb',
    );
  });

  it("leaves a Node project's CocoaPods Gemfile to the Node detector", async () => {
    expect((await detect({ Gemfile: 'gem "cocoapods"', 'package.json': '{}' })).detection).toBeNull();
  });

  it('notes app/assets in a Rails app', async () => {
    const { answers } = await detect({ Gemfile: 'gem "rails"', 'app/assets/config/manifest.js': '' });
    expect(answers?.assets).toBe(true);
  });
});
