/**
 * Turns an engine refusal of a whole build (HTTP 400/500, not an in-stream step error) into a
 * message and the Dockerfile line it is about.
 *
 * Both builders name the line in their own words: classic "Dockerfile parse error line 3: …",
 * BuildKit "dockerfile parse error on line 3: …" or "Dockerfile:3".
 */
export function describeBuildFailure(
  message: string,
  engineGone: boolean,
): { message: string; line: number | null } {
  if (engineGone) return { message: `The Docker engine went away during the build: ${message}`, line: null };
  const line = /(?:parse error (?:on )?line|Dockerfile:)\s*(\d+)/i.exec(message);
  if (/failed to reach build target|target stage .* could not be found/i.test(message)) {
    return { message: `The target stage does not exist: ${message}`, line: null };
  }
  return { message, line: line ? Number(line[1]) : null };
}
