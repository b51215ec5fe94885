/**
 * The second safe shape of a waste fix: a RUN that only does `chown -R`/`chmod -R` over exactly
 * what a COPY or ADD wrote stores every file twice; `COPY --chown=…`/`--chmod=…` writes them once
 * with the final owner and mode.
 */
import { commandInvocation } from '../dockerfile/lint/shell-script';
import { runScript } from '../dockerfile/lint/lint-rule';
import { otherWriterOfRemover, unreadableRun, type FixParts, type FixSite } from './waste-fix-site';

/** Instructions that write no files and change nothing a COPY's ownership depends on. */
const HARMLESS_BETWEEN = new Set([
  'LABEL',
  'EXPOSE',
  'ENV',
  'ARG',
  'CMD',
  'ENTRYPOINT',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'MAINTAINER',
]);
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
const OCTAL_MODE = /^[0-7]{3,4}$/;

/** `--chown=…`/`--chmod=…` on the COPY and no RUN, or why not. */
export function copyOwnershipFix(site: FixSite): FixParts {
  const { writer, remover, finding } = site;
  if (finding.kinds.every((kind) => kind === 'copied-twice'))
    return { reason: `Line ${remover.line} copies the same files again: copy them once.` };
  if (writer.keyword !== 'COPY' && writer.keyword !== 'ADD')
    return {
      reason: `Line ${remover.line} rewrites files that line ${writer.line} (${writer.keyword}) wrote; only a COPY or ADD can take an owner or mode as it writes.`,
    };
  if (writer.heredoc || writer.execForm)
    return {
      reason: `The ${writer.keyword} on line ${writer.line} is in a form (heredoc or JSON) this fix does not rewrite.`,
    };
  const problem = unreadableRun(remover);
  if (problem) return { reason: `Line ${remover.line} rewrites the files, but ${problem}.` };
  const script = runScript(remover)!;
  if (script.commentStart !== null) return { reason: `Line ${remover.line} holds a shell comment.` };
  const changes: { flag: 'chown' | 'chmod'; value: string; path: string }[] = [];
  for (const command of script.commands) {
    const invocation = commandInvocation(command);
    const change =
      invocation && invocation.nameWord === command.words[0]
        ? ownershipChange(
            invocation.name,
            invocation.args.map((word) => word.value),
          )
        : null;
    if (!change || (command.operatorBefore !== null && command.operatorBefore !== '&&'))
      return {
        reason: `Line ${remover.line} does more than a recursive chown or chmod (with an owner name or an octal mode) of one path.`,
      };
    changes.push(change);
  }
  const destination = copyDestination(writer.parsed.words.at(-1) ?? '');
  if (destination === null)
    return {
      reason: `The ${writer.keyword} on line ${writer.line} copies to a relative path; the fix needs the same absolute path in both lines.`,
    };
  const mismatch = changes.find((change) => normalPath(change.path) !== destination);
  if (mismatch)
    return {
      reason: `Line ${remover.line} changes ${mismatch.path}, not exactly ${destination} where line ${writer.line} copies to.`,
    };
  const flags = new Set(changes.map((change) => change.flag));
  if (flags.size !== changes.length) return { reason: `Line ${remover.line} changes the same thing twice.` };
  const existing = changes.find((change) => writer.flags.some((flag) => flag.name === change.flag));
  if (existing)
    return {
      reason: `The ${writer.keyword} on line ${writer.line} already has --${existing.flag}; the later ${existing.flag} overrides it.`,
    };
  const otherWriter = otherWriterOfRemover(site);
  if (otherWriter !== null)
    return {
      reason: `Line ${remover.line} also rewrites files written by line ${otherWriter}: a flag on one COPY would not cover them.`,
    };
  const blocking = site.between.find((instruction) => !HARMLESS_BETWEEN.has(instruction.keyword));
  if (blocking)
    return {
      reason: `Line ${blocking.line} (${blocking.keyword}) between them could change the files or the users before the ${changes[0]!.flag}.`,
    };
  const usesVariables = changes.some((change) => change.value.includes('$'));
  if (usesVariables) return { reason: `Line ${remover.line} uses a variable in the owner or mode.` };

  const flagText = changes.map((change) => `--${change.flag}=${change.value}`).join(' ');
  const firstLine = site.source.lines[writer.line - 1]!;
  const keyword = /^\s*\S+/.exec(firstLine)![0];
  return {
    kind: 'copy-ownership',
    ownersUnder: destination,
    title: `${writer.keyword} ${flagText} on line ${writer.line}, and no RUN on line ${remover.line}`,
    description:
      `The ${writer.keyword} writes the files with their final ${changes.map((change) => (change.flag === 'chown' ? 'owner' : 'mode')).join(' and ')}, ` +
      `so they are stored once instead of twice.${flags.has('chmod') ? ' --chmod needs BuildKit.' : ''}`,
    edits: [
      {
        line: writer.line,
        endLine: writer.line,
        newText: `${keyword} ${flagText}${firstLine.slice(keyword.length)}`,
      },
      { line: remover.line, endLine: remover.endLine, newText: '' },
    ],
  };
}

/** `chown -R owner path` or `chmod -R 0755 path` as a flag, else null. */
function ownershipChange(
  name: string,
  args: string[],
): { flag: 'chown' | 'chmod'; value: string; path: string } | null {
  if (name !== 'chown' && name !== 'chmod') return null;
  const options = args.filter((arg) => arg.startsWith('-'));
  const rest = args.filter((arg) => !arg.startsWith('-'));
  if (options.length !== 1 || (options[0] !== '-R' && options[0] !== '--recursive') || rest.length !== 2)
    return null;
  const [value, path] = rest as [string, string];
  if (name === 'chown' ? !OWNER.test(value) : !OCTAL_MODE.test(value)) return null;
  return { flag: name, value, path };
}

function normalPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The COPY's destination as an absolute path without a trailing slash, or null when relative. */
function copyDestination(word: string): string | null {
  const unquoted = word.replace(/^(["'])(.*)\1$/, '$2');
  return unquoted.startsWith('/') ? normalPath(unquoted) : null;
}
