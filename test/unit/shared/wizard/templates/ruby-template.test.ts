import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { rubyCautions } from '../../../../../src/shared/wizard/templates/ruby-cautions';
import { suggestedRubyStart } from '../../../../../src/shared/wizard/templates/ruby-template';
import type { RubyAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const ruby = (answers: Partial<RubyAnswers>): RubyAnswers => ({ ...defaultAnswers('ruby'), ...answers });
const messages = (answers: RubyAnswers): string =>
  rubyCautions(answers)
    .map((caution) => caution.message)
    .join('\n');

describe('ruby template', () => {
  it('builds gems with compilers in a stage and ships only /usr/local/bundle with the run-time libraries', () => {
    const text = generateDockerfile(
      ruby({ rubyVersion: '3.3.0', bundlerVersion: '2.5.6', gems: ['rails', 'pg', 'puma'] }),
    );
    const [build, final] = text.split('\n\nFROM ');
    expect(build).toContain('FROM ruby:3.3.0-slim AS build');
    expect(build).toContain('install -y --no-install-recommends build-essential libyaml-dev libpq-dev');
    expect(build).toContain('gem install bundler -v 2.5.6');
    expect(build!.indexOf('COPY Gemfile Gemfile.lock ./')).toBeLessThan(build!.indexOf('bundle install'));
    expect(final).toMatch(/^ruby:3\.3\.0-slim\n/);
    expect(final).toContain('BUNDLE_FROZEN=true');
    expect(final).toContain('RAILS_ENV=production');
    expect(final).toContain('install -y --no-install-recommends libpq5');
    expect(final).not.toContain('build-essential');
    expect(final).toContain('COPY --from=build /usr/local/bundle /usr/local/bundle');
    expect(final).toContain('chown -R app:app db log storage tmp');
    expect(final).toContain('CMD ["bin/rails", "server", "-b", "0.0.0.0"]');
  });

  it('uses apk, build-base and busybox adduser on Alpine', () => {
    const text = generateDockerfile(ruby({ variant: 'alpine', gems: ['mysql2'] }));
    expect(text).toContain('RUN apk add --no-cache build-base yaml-dev mariadb-dev');
    expect(text).toContain('RUN apk add --no-cache mariadb-connector-c');
    expect(text).toContain('adduser -S -D -H -u 10001');
  });

  it('installs without a lockfile when there is none, and adds git for gems from git', () => {
    const text = generateDockerfile(ruby({ gemfileLock: false, gitGems: true, framework: 'none', gems: [] }));
    expect(text).toContain('COPY Gemfile ./');
    expect(text).not.toContain('BUNDLE_FROZEN');
    expect(text).toContain('build-essential git');
  });

  it.each([
    [{ framework: 'rails', port: 4000 }, 'bin/rails server -b 0.0.0.0 -p 4000'],
    [
      { framework: 'rack', rackConfig: true, gems: ['puma'], port: 9292 },
      'bundle exec puma -b tcp://0.0.0.0:9292 config.ru',
    ],
    [
      { framework: 'rack', rackConfig: true, gems: ['rack'], port: 9292 },
      'bundle exec rackup -o 0.0.0.0 -p 9292 config.ru',
    ],
    [{ framework: 'sinatra', mainFile: 'app.rb', port: 4567 }, 'bundle exec ruby app.rb -o 0.0.0.0 -p 4567'],
    [{ framework: 'none', mainFile: 'main.rb', port: null }, 'bundle exec ruby main.rb'],
  ] as const)('starts %j with %s', (answers, command) => {
    expect(suggestedRubyStart(ruby(answers as Partial<RubyAnswers>))).toBe(command);
  });

  it('cautions about Rails’ master key and unprecompiled assets', () => {
    expect(messages(ruby({ framework: 'rails' }))).toContain('RAILS_MASTER_KEY');
    expect(messages(ruby({ framework: 'rails' }))).not.toContain('assets:precompile');
    expect(messages(ruby({ framework: 'rails', assets: true }))).toContain('assets:precompile');
  });

  it('cautions when the start command needs a server gem the Gemfile does not name', () => {
    expect(messages(ruby({ framework: 'rack', rackConfig: true, gems: ['rack'] }))).toContain('rackup');
    expect(messages(ruby({ framework: 'rack', rackConfig: true, gems: ['rack', 'puma'] }))).toBe('');
    expect(messages(ruby({ framework: 'sinatra', gems: ['sinatra'] }))).toContain('needs a web server gem');
    expect(
      messages(ruby({ framework: 'sinatra', gems: ['sinatra'], startCommand: 'bundle exec thin start' })),
    ).toBe('');
    expect(messages(ruby({ framework: 'none', gems: [] }))).toBe('');
  });
});
