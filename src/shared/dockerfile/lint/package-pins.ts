/**
 * Which packages an install command names without a version, tool by tool, and how a user looks up
 * the version to write. The linter cannot know versions offline: the base image's package index
 * and the language registries are out of its reach, so it explains instead of fixing.
 */
import { hasToolOption, toolAction, type PackageTool, type ToolCommand } from './package-installs';
import type { ShellWord } from './shell-script';

/** Whether a `$name` in a word names a variable that ENV or ARG defines for the RUN. */
export type VariableDefined = (name: string) => boolean;

const VCS_URL = /^(git|hg|svn|bzr)(\+[a-z-]+)?:\/\//;
const NPM_GIT = /^git(\+(ssh|https?))?:\/\//;

/**
 * The package words of `command` that carry no version, or [] when it installs nothing by name.
 * Words holding a variable count as versioned: what the variable holds is unknown here (for
 * yum and dnf, whose `name-version` form cannot be told apart otherwise, only if it is defined).
 */
export function unpinnedPackages(command: ToolCommand, defined: VariableDefined): ShellWord[] {
  const action = toolAction(command);
  const rest = command.positionals.slice(1);
  const unversioned = (words: ShellWord[], pinned: (value: string) => boolean): ShellWord[] =>
    words.filter(({ value }) => !value.includes('$') && !pinned(value));
  switch (command.tool) {
    case 'apt':
      if (action !== 'install') return [];
      // `pkg=1.2`, `pkg/bookworm-backports` (a release), `./file.deb`.
      return unversioned(rest, (value) => /[=/]/.test(value) || value.endsWith('.deb'));
    case 'apk':
      if (action !== 'add') return [];
      return unversioned(rest, (value) => /[=~<>]/.test(value) || value.endsWith('.apk'));
    case 'pip':
      return pipUnpinned(command, action, rest);
    case 'npm':
      if (!['install', 'i', 'add'].includes(action)) return [];
      return unversioned(rest, npmPinned);
    case 'gem':
      if (!['install', 'i'].includes(action) || hasToolOption(command, ['-v', '--version'])) return [];
      return unversioned(rest, (value) => value.includes(':'));
    case 'go':
      if (action === 'run') return unversioned(rest.slice(0, 1), goPinned);
      if (action !== 'install' && action !== 'get') return [];
      return unversioned(rest, goPinned);
    case 'yum':
    case 'dnf':
      return rpmUnpinned(command, action, defined);
    case 'zypper':
      if (action !== 'install' && action !== 'in') return [];
      return unversioned(rest, (value) => /[=<>]/.test(value) || value.endsWith('.rpm'));
  }
}

function pipUnpinned(command: ToolCommand, action: string, rest: ShellWord[]): ShellWord[] {
  if (action !== 'install') return [];
  // A requirements or constraints file, or the project itself, holds the versions.
  if (hasToolOption(command, ['-r', '--requirement', '-c', '--constraint'])) return [];
  if (rest.some(({ value }) => value === '.')) return [];
  return rest.filter(({ value }) => !value.includes('$') && !pipPinned(value));
}

function pipPinned(value: string): boolean {
  if (VCS_URL.test(value)) return value.slice(value.indexOf('://') + 3).includes('@');
  return (
    /[=<>!~]=|[<>]/.test(value) ||
    /\.(whl|tar\.gz|zip)$/.test(value) ||
    value.includes('/') ||
    value.startsWith('.')
  );
}

function npmPinned(value: string): boolean {
  if (NPM_GIT.test(value)) return value.includes('#');
  if (/\.(tar|tar\.gz|tgz)$/.test(value)) return true;
  if (/^(\.{1,2}|~)?\//.test(value) || value === '.' || value === '..') return true;
  const withoutScope = value.startsWith('@') ? value.slice(value.indexOf('/') + 1) : value;
  const at = withoutScope.indexOf('@');
  // `@latest` is the moving tag: it names no version.
  return at > 0 && withoutScope.slice(at + 1) !== 'latest';
}

function goPinned(value: string): boolean {
  if (value.startsWith('.') || value.startsWith('/')) return true;
  const at = value.lastIndexOf('@');
  return at > 0 && !['latest', 'none', 'upgrade', 'patch'].includes(value.slice(at + 1));
}

function rpmUnpinned(command: ToolCommand, action: string, defined: VariableDefined): ShellWord[] {
  const modules = action === 'module install';
  if (!modules && action !== 'install' && action !== 'in') return [];
  const packages = command.positionals.slice(modules ? 2 : 1);
  return packages.filter(({ value }) => !(modules ? value.includes(':') : rpmPinned(value, defined)));
}

function rpmPinned(value: string, defined: VariableDefined): boolean {
  if (value.includes('$')) {
    return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some((match) => defined(match[1]!));
  }
  const parts = value.split('-');
  if (parts.length <= 1) return false;
  if (value.endsWith('.rpm')) return true;
  // `gcc-c++-1.1.1`, `openssl-1:1.1.1k`: what follows the name has a part starting with a digit.
  const version = parts.slice(1);
  return (
    version.every((part) => /^[A-Za-z0-9.~^_:+]+$/.test(part)) && version.some((part) => /^\d/.test(part))
  );
}

/** How to write a version for `tool`, e.g. `curl=<version>`. */
export function pinnedForm(tool: PackageTool, name: string): string {
  const forms: Record<PackageTool, string> = {
    apt: `${name}=<version>`,
    apk: `${name}~<version>`,
    pip: `${name}==<version>`,
    npm: `${name}@<version>`,
    gem: `${name}:<version>`,
    go: `${name.replace(/@.*$/, '')}@<version>`,
    yum: `${name}-<version>`,
    dnf: `${name}-<version>`,
    zypper: `${name}=<version>`,
  };
  return forms[tool];
}

/** A command that shows the versions of `name` available to a build on `image`. */
export function versionLookup(tool: PackageTool, name: string, image: string, program: string): string {
  const inImage = (command: string): string => `docker run --rm ${image} sh -c "${command}"`;
  switch (tool) {
    case 'apt':
      return inImage(`apt-get update -qq && apt-cache policy ${name}`);
    case 'apk':
      return inImage(`apk update -q && apk policy ${name}`);
    case 'yum':
    case 'dnf':
      return inImage(`${program} list --showduplicates ${name}`);
    case 'zypper':
      return inImage(`zypper --non-interactive search --details ${name}`);
    case 'pip':
      return `pip index versions ${name}`;
    case 'npm':
      return `npm view ${name} version`;
    case 'gem':
      return `gem search --exact ${name}`;
    case 'go':
      return `go list -m ${name.replace(/@.*$/, '')}@latest`;
  }
}
