/**
 * Detects a Ruby project from its Gemfile: the gems it names (outside the development and test
 * groups), Rails, Sinatra or a Rack app (config.ru), the Ruby version (`.ruby-version`,
 * `.tool-versions`, the Gemfile's `ruby` line, Gemfile.lock's RUBY VERSION) and the Bundler
 * version Gemfile.lock was made with.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { RubyAnswers } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { pickVersion } from './pick-version';
import type { ProjectFiles } from './project-files';

const RUBY_VERSIONS = ['3.4', '3.3', '3.2', '3.1'];
const MAIN_FILES = ['app.rb', 'main.rb', 'server.rb', 'run.rb'];

/** What a Gemfile says. */
export interface Gemfile {
  /** Gems outside the development and test groups, in order. */
  gems: string[];
  /** The `ruby` requirement, or null (also for `ruby file: ".ruby-version"`). */
  ruby: string | null;
  /** Whether a gem comes from git (`git:` or `github:`). */
  gitGems: boolean;
}

/** Reads a Gemfile line by line; `group :development, :test do … end` blocks are left out. */
export function readGemfile(text: string): Gemfile {
  const gemfile: Gemfile = { gems: [], ruby: null, gitGems: false };
  const blocks: boolean[] = []; // per open `do` block: whether it is a development/test group
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const group = /^group\s+(.+?)\s+do\b/.exec(line);
    if (group) {
      const names = group[1]!.match(/:?\w+/g) ?? [];
      blocks.push(names.length > 0 && names.every((name) => /^:?(development|test)$/.test(name)));
      continue;
    }
    if (/\bdo(\s*\|[^|]*\|)?$/.test(line)) {
      blocks.push(false);
      continue;
    }
    if (/^end\b/.test(line)) {
      blocks.pop();
      continue;
    }
    const ruby = /^ruby\s*\(?\s*['"]([^'"]+)['"]/.exec(line);
    if (ruby) gemfile.ruby = ruby[1]!;
    const gem = /^gem\s*\(?\s*['"]([^'"]+)['"](.*)$/.exec(line);
    if (!gem || blocks.includes(true)) continue;
    if (/\b(group|groups)\s*:\s*\[?\s*:(development|test)\b/.test(gem[2]!)) continue;
    if (!gemfile.gems.includes(gem[1]!)) gemfile.gems.push(gem[1]!);
    if (/\b(git|github)\s*:/.test(gem[2]!)) gemfile.gitGems = true;
  }
  return gemfile;
}

/** Ruby's `~> 3.2` as a range pick-version reads (`>=3.2,<4`). */
function rubyRange(requirement: string): string {
  return requirement.replace(
    /~>\s*(\d+)\.(\d+)(?:\.(\d+))?/g,
    (_match, major: string, minor: string, patch?: string) =>
      patch === undefined
        ? `>=${major}.${minor},<${Number(major) + 1}`
        : `>=${major}.${minor}.${patch},<${major}.${Number(minor) + 1}`,
  );
}

/** A Ruby project, or null without a Gemfile (or when the Gemfile only serves a Node project's tooling). */
export async function detectRubyProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const text = await files.read('Gemfile');
  if (text === null) return null;
  const gemfile = readGemfile(text);
  const rackConfig = await files.hasFile('config.ru');
  const rails =
    gemfile.gems.includes('rails') ||
    gemfile.gems.includes('railties') ||
    (await files.hasFile('config/application.rb'));
  let framework: RubyAnswers['framework'] = 'none';
  if (rails) framework = 'rails';
  else if (gemfile.gems.includes('sinatra')) framework = 'sinatra';
  else if (rackConfig) framework = 'rack';
  // React Native and other Node projects keep a Gemfile for CocoaPods or fastlane: those are Node's.
  if (framework === 'none' && (await files.hasFile('package.json'))) return null;

  const evidence = ['Gemfile: a Ruby project managed by Bundler'];
  if (framework === 'rails')
    evidence.push('Rails (rails gem, config/application.rb): bin/rails server on 3000');
  if (framework === 'sinatra')
    evidence.push(
      rackConfig ? 'Sinatra with config.ru: started with Rack on 9292' : 'Sinatra: ruby app.rb on 4567',
    );
  if (framework === 'rack') evidence.push('config.ru: a Rack app on 9292');

  const lock = await files.read('Gemfile.lock');
  const bundlerVersion = /^BUNDLED WITH\s*\n\s*(\d+\.\d+\.\d+)/m.exec(lock ?? '')?.[1] ?? null;
  if (bundlerVersion) evidence.push(`Gemfile.lock BUNDLED WITH ${bundlerVersion}: that Bundler is installed`);
  if (lock === null) evidence.push('no Gemfile.lock: gem versions are resolved at build time');
  const { rubyVersion, suggestions } = await detectRubyVersion(files, gemfile, lock, evidence);

  const rootFiles = await files.list('.');
  const rubyFiles = rootFiles.filter((name) => name.endsWith('.rb'));
  const mainFile =
    MAIN_FILES.find((name) => rubyFiles.includes(name)) ??
    rubyFiles.find((name) => name !== 'Gemfile.rb') ??
    (framework === 'sinatra' ? 'app.rb' : 'main.rb');
  if (framework === 'none' || (framework === 'sinatra' && !rackConfig))
    evidence.push(`${mainFile}: the file to start`);
  const port = framework === 'rails' ? 3000 : rackConfig ? 9292 : framework === 'sinatra' ? 4567 : null;

  const answers: RubyAnswers = {
    ...defaultAnswers('ruby'),
    rubyVersion,
    gemfileLock: lock !== null,
    bundlerVersion,
    framework,
    rackConfig,
    mainFile,
    gems: gemfile.gems,
    gitGems: gemfile.gitGems,
    assets: framework === 'rails' && (await files.hasDirectory('app/assets')),
    port,
  };
  const named = { rails: ['Rails'], sinatra: ['Sinatra'], rack: ['Rack'], none: [] }[framework];
  return {
    template: 'ruby',
    language: 'ruby',
    stack: ['Ruby', 'Bundler', ...named],
    suggestions,
    evidence,
    answers,
  };
}

async function detectRubyVersion(
  files: ProjectFiles,
  gemfile: Gemfile,
  lock: string | null,
  evidence: string[],
): Promise<{ rubyVersion: string; suggestions: Record<string, string[]> }> {
  const exact = (
    version: string,
    source: string,
  ): { rubyVersion: string; suggestions: Record<string, string[]> } => {
    evidence.push(`${source}: Ruby ${version}`);
    const line = version.split('.').slice(0, 2).join('.');
    return { rubyVersion: version, suggestions: line === version ? {} : { rubyVersion: [version, line] } };
  };
  const pinned = /^(?:ruby-)?(\d+\.\d+(?:\.\d+)?)\s*$/.exec(
    (await files.read('.ruby-version'))?.trim() ?? '',
  );
  if (pinned) return exact(pinned[1]!, '.ruby-version');
  const tools = /^ruby\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec((await files.read('.tool-versions')) ?? '');
  if (tools) return exact(tools[1]!, '.tool-versions');
  if (gemfile.ruby !== null) {
    if (/^\d+\.\d+(\.\d+)?$/.test(gemfile.ruby.trim())) return exact(gemfile.ruby.trim(), 'Gemfile ruby');
    const picked = pickVersion(rubyRange(gemfile.ruby), RUBY_VERSIONS, '3.3');
    if (picked) {
      evidence.push(`Gemfile ruby "${gemfile.ruby}": Ruby ${picked}`);
      return { rubyVersion: picked, suggestions: {} };
    }
  }
  const locked = /^RUBY VERSION\s*\n\s*ruby (\d+\.\d+\.\d+)/m.exec(lock ?? '');
  if (locked) return exact(locked[1]!, 'Gemfile.lock RUBY VERSION');
  return { rubyVersion: '3.3', suggestions: {} };
}
