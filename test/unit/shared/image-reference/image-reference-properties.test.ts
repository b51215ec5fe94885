/**
 * Property-based tests of `parseImageReference`, seeded so every run checks the same inputs.
 * The grammar below is the one in distribution/reference `reference.go` (commit
 * 0965666a6ade2e06035fe352e38344be1e68951a); its fuzz target (`fuzz_test.go`) only checks that
 * parsing never panics, which the first properties cover.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImageReference, parseImageReference } from '../../../../src/shared/image-reference';

const SEED = 42;

/** Characters that matter to the grammar, so random strings get past the first checks often. */
const referenceCharacter = fc.constantFrom(...'abcz019AZ._-__/:@[]%+ \t\u0000é'.split(''));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const anyCharacter = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  loneSurrogate,
  referenceCharacter,
);

const alphanumeric = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')),
  minLength: 1,
  maxLength: 8,
});
const separator = fc.constantFrom('.', '_', '__', '-', '--', '---');
const pathComponent = fc
  .tuple(alphanumeric, fc.array(fc.tuple(separator, alphanumeric), { maxLength: 3 }))
  .map(([head, tail]) => head + tail.map(([sep, part]) => sep + part).join(''));
const path = fc.array(pathComponent, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

const domainComponent = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'abzAZ09'.split('')), minLength: 1, maxLength: 1 }),
    fc.string({ unit: fc.constantFrom(...'abzAZ09-'.split('')), maxLength: 6 }),
    fc.string({ unit: fc.constantFrom(...'abzAZ09'.split('')), minLength: 1, maxLength: 1 }),
  )
  .map(([first, middle, last]) => (middle === '' ? first : first + middle + last));
const domainName = fc.array(domainComponent, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const ipv6 = fc
  .string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:'.split('')), minLength: 1, maxLength: 39 })
  .map((address) => `[${address}]`);
const port = fc.integer({ min: 0, max: 999999 }).map(String);
/** Only hosts the engine reads as a registry: with ".", ":" or uppercase, or `localhost`. */
const domain = fc
  .tuple(
    fc.oneof(domainName, ipv6, fc.constantFrom('localhost', 'docker.io', 'index.docker.io')),
    fc.option(port),
  )
  .map(([host, number]) => (number === null ? host : `${host}:${number}`))
  .filter((written) => /[.:]/.test(written) || written === 'localhost' || written !== written.toLowerCase());

const wordCharacter = fc.constantFrom(...'aZ09_'.split(''));
const tag = fc
  .tuple(wordCharacter, fc.string({ unit: fc.constantFrom(...'aZ09_.-'.split('')), maxLength: 127 }))
  .map(([first, rest]) => first + rest);
const digest = fc.constantFrom(['sha256', 64], ['sha384', 96], ['sha512', 128]).chain(([algorithm, length]) =>
  fc
    .string({
      unit: fc.constantFrom(...'0123456789abcdef'.split('')),
      minLength: length as number,
      maxLength: length as number,
    })
    .map((encoded) => `${algorithm}:${encoded}`),
);

/**
 * A reference from the grammar, with the parts the engine reads from it. Without a domain, a
 * first component with "." or `localhost` would be read as a registry (normalize.go), so the
 * grammar leaves those out there.
 */
const grammarReference = fc
  .record({ domain: fc.option(domain), path, tag: fc.option(tag), digest: fc.option(digest) })
  .filter(({ domain: written, path: name }) => {
    const first = name.split('/')[0]!;
    return written !== null || !name.includes('/') || !(first.includes('.') || first === 'localhost');
  })
  .map((parts) => ({
    ...parts,
    written: `${parts.domain === null ? '' : `${parts.domain}/`}${parts.path}${parts.tag === null ? '' : `:${parts.tag}`}${parts.digest === null ? '' : `@${parts.digest}`}`,
  }));

function parsed(input: string): ImageReference | string {
  const result = parseImageReference(input);
  return result.ok ? result.reference : result.message;
}

describe('parseImageReference properties', () => {
  it('never throws and always answers (2,000 random strings of any characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCharacter, maxLength: 300 }), (input) => {
        const result = parseImageReference(input);
        expect(result.ok ? result.reference.canonical.length : result.message.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('never throws on long strings (20 random strings of 10,000 to 50,000 grammar characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: referenceCharacter, minLength: 10_000, maxLength: 50_000 }), (input) => {
        expect(typeof parseImageReference(input).ok).toBe('boolean');
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it.each([
    ['a million letters', 'a'.repeat(1_000_000)],
    ['separators that never end in a letter', `${'a-'.repeat(500_000)}!`],
    ['half a million slashes', 'a/'.repeat(500_000)],
    ['a huge host name', `${'a.'.repeat(500_000)}-/app`],
    ['a huge tag', `app:${'a'.repeat(1_000_000)}`],
    ['a huge digest', `app@sha256:${'f'.repeat(1_000_000)}`],
  ])('refuses %s without hanging', (_, input) => {
    expect(parseImageReference(input).ok).toBe(false);
  });

  it('accepts every reference the grammar generates, with its parts (1,000 references)', () => {
    fc.assert(
      fc.property(grammarReference, (reference) => {
        const dockerHub =
          reference.domain === null ||
          reference.domain === 'docker.io' ||
          reference.domain === 'index.docker.io';
        const expected = {
          domain: dockerHub ? 'docker.io' : reference.domain,
          path: dockerHub && !reference.path.includes('/') ? `library/${reference.path}` : reference.path,
          tag: reference.tag ?? (reference.digest === null ? 'latest' : null),
          digest: reference.digest,
          dockerHub,
        };
        expect(parsed(reference.written)).toMatchObject(expected);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads its familiar name back as the same reference (1,000 grammar references)', () => {
    fc.assert(
      fc.property(grammarReference, ({ written }) => {
        const reference = parsed(written);
        if (typeof reference === 'string') throw new Error(reference);
        expect(parsed(reference.familiar)).toEqual(reference);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads its canonical name back as the same image, losing only a tag next to a digest (1,000 grammar references)', () => {
    fc.assert(
      fc.property(grammarReference, ({ written }) => {
        const reference = parsed(written);
        if (typeof reference === 'string') throw new Error(reference);
        const again = parsed(reference.canonical);
        expect(again).toMatchObject({
          canonical: reference.canonical,
          domain: reference.domain,
          path: reference.path,
          digest: reference.digest,
          tag: reference.digest === null ? reference.tag : null,
        });
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads the familiar name back as the same reference for any string it accepts (3,000 strings of grammar characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: referenceCharacter, maxLength: 40 }), (input) => {
        const reference = parsed(input);
        if (typeof reference !== 'string') expect(parsed(reference.familiar)).toEqual(reference);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
