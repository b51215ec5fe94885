/**
 * Table helpers for the cases ported from distribution/reference: each case names the input and
 * what `parseImageReference` must answer, so the tables read like the upstream ones.
 */
import { expect, it } from 'vitest';
import { type ImageReference, parseImageReference } from '../../../../src/shared/image-reference';

/** What a case expects: rejected (optionally with a message matching `says`), or these fields. */
export type Outcome = { ok: false; says?: RegExp } | ({ ok: true } & Partial<ImageReference>);

/** One ported case; `note` says how the upstream expectation maps onto ours when that is not obvious. */
export interface ReferenceCase {
  input: string;
  expected: Outcome;
  note?: string;
  /** Set for inputs too long to read as a test title. */
  name?: string;
}

/** A case with a readable title, for `it.each(...)('$title')`. */
export type TitledCase = ReferenceCase & { title: string };

/** Accepted, with these parts; `tag` defaults to what the engine uses when none is written. */
export function ok(
  domain: string,
  path: string,
  tag: string | null = 'latest',
  digest: string | null = null,
): Outcome {
  return { ok: true, domain, path, tag, digest };
}

/** Rejected; `says` checks the message when the case is about a particular mistake. */
export function rejected(says?: RegExp): Outcome {
  return says ? { ok: false, says } : { ok: false };
}

/** Gives every case a title: the input, or `name` for long inputs, plus the note. */
export function titled(cases: ReferenceCase[]): TitledCase[] {
  return cases.map((c) => ({
    ...c,
    title: `${c.name ?? JSON.stringify(c.input).replace(/[0-9a-f]{20,}/g, (hex) => `${hex.slice(0, 4)}…(${hex.length} hex)`)}${c.expected.ok ? ' is accepted' : ' is rejected'}${c.note ? ` (${c.note})` : ''}`,
  }));
}

/** Asserts that `parseImageReference(input)` answers `expected`. */
export function expectOutcome(input: string, expected: Outcome): void {
  const parsed = parseImageReference(input);
  if (!expected.ok) {
    expect(parsed.ok ? parsed.reference : null, 'should be rejected').toBeNull();
    if (!parsed.ok && expected.says) expect(parsed.message).toMatch(expected.says);
    return;
  }
  expect(parsed.ok ? null : parsed.message, 'should be accepted').toBeNull();
  if (!parsed.ok) return;
  const { ok: _accepted, ...fields } = expected;
  expect(parsed.reference).toMatchObject(fields);
}

/** One test per case, titled `<table>: <input> is accepted|rejected (<note>)`. */
export function itAnswersEach(table: string, cases: ReferenceCase[]): void {
  for (const c of titled(cases)) it(`${table}: ${c.title}`, () => expectOutcome(c.input, c.expected));
}
