/**
 * DW014: ENV and ARG whose names say they hold a secret (PASSWORD, TOKEN, API_KEY…).
 */
import { Arg, Env, type Property } from 'dockerfile-ast';
import { astRange, finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'SECRET',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
]);
const SECRET_PAIRS = [
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['AUTH', 'KEY'],
];
// Every secret name holds one of these (escapes removed, any case).
const MAY_NAME_A_SECRET = /pass|secret|token|credential|key/i;
// Names that point at a secret rather than hold one (POSTGRES_PASSWORD_FILE is the recommended way).
const REFERENCE_SUFFIXES = new Set(['FILE', 'PATH', 'DIR', 'URL', 'NAME', 'LENGTH', 'ID']);

/** Whether a variable name reads like it holds a secret. */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[_\-.]+/)
    .filter((word) => word !== '');
  if (REFERENCE_SUFFIXES.has(words.at(-1) ?? '')) return false;
  if (words.some((word) => SECRET_WORDS.has(word) || word.endsWith('PASSWORD'))) return true;
  return words.some((word, index) =>
    SECRET_PAIRS.some(([first, second]) => word === first && words[index + 1] === second),
  );
}

/** DW014: secrets in ENV or ARG. */
export const secretRule: LintRule = {
  id: 'DW014',
  title: 'Keep secrets out of ENV and ARG',
  why: 'ENV values are stored in the image and build args show in `docker history`: anyone with the image can read them.',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      // Only ENV and ARG nodes, and only where a secret word appears at all: reading a node makes
      // dockerfile-ast parse every instruction of that keyword.
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      if (!MAY_NAME_A_SECRET.test(instruction.content.text.replace(/[\\`]/g, ''))) continue;
      const { node } = instruction;
      let properties: Property[] = [];
      if (node instanceof Env) properties = node.getProperties();
      else if (node instanceof Arg) properties = node.getProperty() ? [node.getProperty()!] : [];
      for (const property of properties) {
        const name = property.getName();
        if (!looksLikeSecretName(name)) continue;
        // An ENV set to nothing stores nothing; an ARG is a secret whenever someone passes it.
        if (node instanceof Env && (property.getValue() ?? '') === '') continue;
        const place = property.getNameRange()
          ? astRange(property.getNameRange())
          : wholeInstruction(instruction);
        diagnostics.push(
          finding(secretRule, place, {
            message:
              node instanceof Env
                ? `ENV ${name} puts a secret into the image: pass it at run time (docker run -e ${name}=…) instead.`
                : `ARG ${name} looks like a secret: build args stay readable in the image history; use RUN --mount=type=secret.`,
          }),
        );
      }
    }
    return diagnostics;
  },
};
