import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The forms a leaked secret takes: plain, base64 (every alignment, as in `user:secret`) and hex. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, Buffer.from(secret).toString('hex')]);
  for (const prefix of ['', 'a', 'ab']) {
    const encoded = Buffer.from(prefix + secret).toString('base64');
    // Drop the characters that depend on the prefix or the padding: what remains is fixed by the secret alone.
    const skip = Math.ceil((prefix.length * 4) / 3);
    const core = encoded.slice(skip, encoded.length - 4);
    if (core.length >= 8) {
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

/** Every file under `dir` whose bytes contain the secret in any form. */
export function filesContainingSecret(dir: string, secret: string): string[] {
  const hits: string[] = [];
  const walk = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isFile() && findSecret(readFileSync(path).toString('latin1'), secret)) {
      hits.push(path);
    }
  };
  walk(dir);
  return hits;
}
