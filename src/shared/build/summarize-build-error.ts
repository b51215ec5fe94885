/**
 * A build error in a few words for a table cell: what failed, not the whole command line the
 * builders repeat. The full message stays available beside it.
 */
export function summarizeBuildError(message: string): string {
  const firstLine = message.split('\n')[0]!.trim();
  // BuildKit: "executor failed running [/bin/sh -c …]: exit code: 3"; newer BuildKit: "process
  // \"/bin/sh -c …\" did not complete successfully: exit code: 3"; classic: "The command
  // '/bin/sh -c …' returned a non-zero code: 3".
  const exit =
    /(?:executor failed running \[.*\]|did not complete successfully): exit code: (\d+)$/.exec(firstLine) ??
    /^The command '.*' returned a non-zero code: (\d+)$/.exec(firstLine);
  if (exit) return `The command exited with code ${exit[1]}`;
  // BuildKit wraps the reason: "failed to solve with frontend dockerfile.v0: failed to create LLB
  // definition: dockerfile parse error line 3: unknown instruction: FOO".
  let reason = firstLine;
  for (;;) {
    const unwrapped = reason.replace(
      /^(?:failed to solve(?: with frontend [\w.]+)?|failed to create LLB definition): /,
      '',
    );
    if (unwrapped === reason) break;
    reason = unwrapped;
  }
  return reason.length > 90 ? `${reason.slice(0, 89)}…` : reason;
}
