import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `deb` source of the machine's apt configuration. */
interface AptSource {
  uri: string;
  suites: string[];
}

/** The `deb` entries of a deb822 `.sources` file (blank-line separated stanzas). */
function parseDeb822(text: string): AptSource[] {
  return text
    .split(/\n\s*\n/)
    .map((stanza) => {
      const fields = new Map<string, string>();
      for (const line of stanza.split('\n')) {
        const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
      }
      if (fields.get('enabled') === 'no' || !(fields.get('types') ?? '').split(/\s+/).includes('deb'))
        return null;
      return {
        uri: (fields.get('uris') ?? '').split(/\s+/)[0] ?? '',
        suites: (fields.get('suites') ?? '').split(/\s+/),
      };
    })
    .filter((source): source is AptSource => source !== null && source.uri !== '');
}

/** The `deb` lines of a one-line-style `sources.list` (options in brackets skipped). */
function parseOneLine(text: string): AptSource[] {
  return text.split('\n').flatMap((line) => {
    const words = line
      .replace(/#.*/, '')
      .replace(/\[[^\]]*\]/, '')
      .trim()
      .split(/\s+/);
    return words[0] === 'deb' && words[1] && words[2] ? [{ uri: words[1], suites: [words[2]] }] : [];
  });
}

/**
 * The Debian mirror this machine's apt already uses for `suite`, read from its sources — tests
 * never name a mirror host themselves (the machine may have its own mirror or proxy).
 */
export function debianMirrorFor(suite: string, aptDir = '/etc/apt'): string {
  const sources: AptSource[] = [];
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  sources.push(...parseOneLine(read(join(aptDir, 'sources.list'))));
  let names: string[] = [];
  try {
    names = readdirSync(join(aptDir, 'sources.list.d')).sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    const path = join(aptDir, 'sources.list.d', name);
    if (name.endsWith('.sources')) sources.push(...parseDeb822(read(path)));
    else if (name.endsWith('.list')) sources.push(...parseOneLine(read(path)));
  }
  const match = sources.find((source) => source.suites.includes(suite));
  if (!match) {
    throw new Error(
      `No apt source for the Debian suite "${suite}" in ${aptDir}/sources.list(.d): add one to use debootstrap`,
    );
  }
  return match.uri;
}
