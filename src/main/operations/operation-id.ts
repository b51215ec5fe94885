import { randomBytes } from 'node:crypto';

/**
 * A new operation id: the start time in base 36, then 8 random hex digits (`mf3k2a1b-9c0d1e2f`).
 *
 * Ids sort by start time, and two operations started in the same millisecond still differ.
 */
export function operationId(now: number, random: (bytes: number) => Buffer = randomBytes): string {
  return `${now.toString(36)}-${random(4).toString('hex')}`;
}
