import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The forms a leaked secret takes: plain, hex (both cases), and base64 / base64url at each of the
 * three byte alignments (so it is found inside a longer base64 text such as `user:password`).
 */
export function secretForms(secret: string): string[] {
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

/** Where (if anywhere) a secret appears in a text, in any of its forms. */
export function findSecret(text: string, secret: string): string | null {
  return secretForms(secret).find((form) => text.includes(form)) ?? null;
}

/** Every file under `root`, recursively. */
function filesUnder(root: string): string[] {
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
  const forms = secretForms(secret).map((form) => Buffer.from(form, 'utf8'));
  const leaks: string[] = [];
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      if (except.includes(file)) continue;
      const content = readFileSync(file);
      for (const form of forms) if (content.includes(form)) leaks.push(`${file}: ${form.toString()}`);
    }
  }
  return leaks;
}

/** Every file under `dir` whose bytes contain the secret in any form. */
export function filesContainingSecret(dir: string, secret: string): string[] {
  return [...new Set(findLeaks([dir], secret).map((leak) => leak.slice(0, leak.lastIndexOf(': '))))];
}
