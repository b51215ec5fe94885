import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The forms a leaked secret takes in a file: plain, hex, and base64 / base64url at each of the
 * three byte alignments (so it is found inside a longer base64 text such as `user:password`).
 */
export function leakForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set([secret, bytes.toString('hex'), bytes.toString('hex').toUpperCase()]);
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Only the characters made of the secret's bits alone, whatever comes before or after it.
    const core = encoded.slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 8) / 6));
    if (core.length >= 4) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** Every file under `root`, recursively. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `file: form` for each file under `roots` holding the secret in any form; `except` files are skipped. */
export function findLeaks(
  roots: readonly string[],
  secret: string,
  except: readonly string[] = [],
): string[] {
  const forms = leakForms(secret);
  const leaks: string[] = [];
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      if (except.includes(file)) continue;
      const content = readFileSync(file);
      for (const form of forms)
        if (content.includes(Buffer.from(form, 'utf8'))) leaks.push(`${file}: ${form}`);
    }
  }
  return leaks;
}
