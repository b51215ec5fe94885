/**
 * Why one step's own cache key changed between two builds, leaving aside the steps before it.
 */
import type { BuildCacheInputs, CacheReason, StepInputs } from './cache-model';
import { diffCachedFiles, MAX_LISTED_CHANGES } from './cached-file-diff';

/**
 * The first input of the step that differs from the previous build's matching step, or null when
 * its own inputs are all the same (then only the steps before it can make it run).
 *
 * Checked in the order a user can act on: the base image of a FROM whose text is unchanged (a
 * retag), the instruction, a build argument it uses, the files it copies. A step that had no
 * partner in the previous build is new: `instruction-changed` with an empty `before`.
 */
export function stepCacheReason(
  previous: { step: StepInputs | null; inputs: BuildCacheInputs },
  current: { step: StepInputs; inputs: BuildCacheInputs },
): CacheReason | null {
  const before = previous.step;
  const after = current.step;
  if (!before) return { kind: 'instruction-changed', before: '', after: after.resolvedText };
  // An edited FROM is an edit first: "python:3.12 is now another image" would name an image it never was.
  if (
    after.keyword === 'FROM' &&
    before.resolvedText === after.resolvedText &&
    before.baseImageId !== null &&
    after.baseImageId !== null &&
    before.baseImageId !== after.baseImageId
  ) {
    return {
      kind: 'base-image-changed',
      image: fromImageOf(after.resolvedText),
      before: before.baseImageId,
      after: after.baseImageId,
    };
  }
  if (before.resolvedText !== after.resolvedText) {
    return { kind: 'instruction-changed', before: before.resolvedText, after: after.resolvedText };
  }
  const names = [
    ...Object.keys(after.args),
    ...Object.keys(before.args).filter((name) => !(name in after.args)),
  ];
  for (const name of names) {
    const was = before.args[name] ?? null;
    const is = after.args[name] ?? null;
    if (was !== is) return { kind: 'arg-changed', name, before: was, after: is };
  }
  if ((before.sources?.digest ?? null) !== (after.sources?.digest ?? null)) {
    const { changes, truncated } = diffCachedFiles(
      previous.inputs.files[before.line],
      current.inputs.files[after.line],
    );
    return {
      kind: 'files-changed',
      changes: changes.slice(0, MAX_LISTED_CHANGES),
      total: changes.length,
      truncated,
    };
  }
  return null;
}

/** The image a `FROM [--platform=…] image [AS name]` names. */
export function fromImageOf(resolvedText: string): string {
  const words = resolvedText.trim().split(/\s+/).slice(1);
  return words.find((word) => !word.startsWith('--')) ?? '';
}
