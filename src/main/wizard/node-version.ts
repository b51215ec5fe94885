/**
 * The Node.js version a project pins: `.nvmrc`, `.node-version`, `volta.node`, then `engines.node`.
 * An exact pin (`20.11.1`) is kept as the image tag, with the major line offered beside it; LTS
 * names (`lts/iron`, `lts/*`) become their line; ranges go through pickVersion.
 */
import { pickVersion } from './pick-version';
import { jsonString, type ProjectFiles } from './project-files';

/** Node.js lines the wizard offers, newest first. */
export const NODE_LINES = ['24', '22', '20', '18'];
/** The line prefilled when the project says nothing. */
export const DEFAULT_NODE_LINE = '22';

/** A Map: the codename comes from the project's .nvmrc, and `lts/constructor` must find nothing. */
const LTS_CODENAMES = new Map([
  ['argon', '4'],
  ['boron', '6'],
  ['carbon', '8'],
  ['dubnium', '10'],
  ['erbium', '12'],
  ['fermium', '14'],
  ['gallium', '16'],
  ['hydrogen', '18'],
  ['iron', '20'],
  ['jod', '22'],
  ['krypton', '24'],
]);
// nvm's aliases for the newest release; the wizard offers LTS lines only.
const NEWEST = new Set(['node', 'stable', 'latest', 'current', 'lts/*', 'lts']);

/** The version to prefill and the alternatives to offer (`['20.11.1', '20']`, empty for a bare line). */
export interface NodeVersionFinding {
  version: string;
  suggestions: string[];
}

/** The version written in a .nvmrc-style text, or null when it names none. */
export function parseNodeVersionText(text: string): string | null {
  const first = text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .find((line) => line !== '');
  if (!first) return null;
  if (NEWEST.has(first)) return NODE_LINES[0]!;
  const codename = LTS_CODENAMES.get(first.replace(/^lts\//, ''));
  if (codename) return codename;
  const plain = /^v?(\d+(?:\.\d+){0,2})$/.exec(first)?.[1];
  if (plain) return plain;
  return pickVersion(first, NODE_LINES, DEFAULT_NODE_LINE);
}

/** `20.11.1` → `['20.11.1', '20']`; a bare line offers nothing besides itself. */
export function versionSuggestions(version: string): string[] {
  const major = version.split('.')[0]!;
  return major === version ? [] : [version, major];
}

/** The Node.js version of the project, with the evidence for it. */
export async function detectNodeVersion(
  files: ProjectFiles,
  manifest: unknown,
  evidence: string[],
): Promise<NodeVersionFinding> {
  for (const file of ['.nvmrc', '.node-version']) {
    const text = await files.read(file);
    const version = text === null ? null : parseNodeVersionText(text);
    if (version) {
      evidence.push(`${file} "${text!.trim().split('\n')[0]}": Node.js ${version}`);
      return { version, suggestions: versionSuggestions(version) };
    }
  }
  const volta = jsonString(manifest, 'volta', 'node');
  const voltaVersion = volta ? /^v?(\d+(?:\.\d+){0,2})$/.exec(volta.trim())?.[1] : undefined;
  if (voltaVersion) {
    evidence.push(`"volta" in package.json pins Node.js ${voltaVersion}`);
    return { version: voltaVersion, suggestions: versionSuggestions(voltaVersion) };
  }
  const engines = jsonString(manifest, 'engines', 'node');
  if (engines) {
    // A bare version in engines is a pin; anything with an operator is a range.
    const exact = /^v?(\d+\.\d+\.\d+)$/.exec(engines.trim())?.[1];
    const version = exact ?? pickVersion(engines, NODE_LINES, DEFAULT_NODE_LINE)?.split('.')[0];
    if (version) {
      evidence.push(`engines.node "${engines}": Node.js ${version}`);
      return { version, suggestions: versionSuggestions(version) };
    }
  }
  return { version: DEFAULT_NODE_LINE, suggestions: [] };
}
