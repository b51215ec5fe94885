/**
 * DW004: ADD of plain local files, where COPY does the same with no surprises.
 */
import { finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

const REMOTE = /^(?:(?:https?|git|ssh):\/\/|git@)/i;
// ADD unpacks local tar archives (plain or compressed); with such a source ADD is the right tool.
const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i;
// A wildcard can match a tar archive, which ADD would unpack and COPY would not.
const GLOB = /[*?[]/;
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** DW004: ADD where COPY fits. */
export const addRule: LintRule = {
  id: 'DW004',
  title: 'Use COPY for local files',
  why: 'ADD also downloads URLs and unpacks archives; COPY says exactly what happens and never surprises you.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.heredoc) continue;
      // The builder strips quotes from ADD's shell-form arguments: "file.tgz" is file.tgz.
      const words = instruction.execForm ?? instruction.content.text.trim().split(/\s+/).map(unquote);
      const sources = words.slice(0, -1);
      if (sources.length === 0) continue;
      if (sources.some((path) => path.includes('$') || REMOTE.test(path) || ARCHIVE.test(path))) continue;
      const diagnostic = finding(addRule, wholeInstruction(instruction), {
        message: 'ADD copies plain local files here: use COPY.',
      });
      const addOnly = instruction.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name));
      if (!addOnly && !sources.some((path) => GLOB.test(path))) {
        diagnostic.fix = {
          title: 'Replace ADD with COPY',
          edits: [
            {
              line: instruction.line,
              endLine: instruction.endLine,
              newText: instruction.raw.replace(/^(\s*)add/i, '$1COPY'),
            },
          ],
        };
      }
      diagnostics.push(diagnostic);
    }
    return diagnostics;
  },
};

function unquote(word: string): string {
  return /^(["'])(.*)\1$/.exec(word)?.[2] ?? word;
}
