/**
 * Tables ported from distribution/reference `reference_test.go` at commit
 * 0965666a6ade2e06035fe352e38344be1e68951a (github.com/distribution/reference), with digest rules
 * from opencontainers/go-digest v1.0.0 (4a41a1fddd8208cc64f911e551a7f361716f8ae5), the version it
 * pins.
 *
 * Upstream `Parse` keeps names as written; `parseImageReference` answers like the engine, which
 * normalizes first (`ParseNormalizedNamed`): a first component without ".", ":", uppercase or
 * `localhost` is a Docker Hub namespace, and a single name gets `library/`. So where upstream
 * expects domain "" (or a domain such as "a" that only `Parse` sees), we expect `docker.io`; where
 * it expects no tag, we expect `latest` (or null with a digest), as the engine pulls.
 *
 * Not ported: TestSerialization's JSON round trip and TestWithTag/TestWithDigest's builders, which
 * have no counterpart; their inputs and combined strings are checked as references instead.
 */
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../../src/shared/image-reference';
import { itAnswersEach, ok, type ReferenceCase, rejected } from './expect-reference';

const F64 = `sha256:${'f'.repeat(64)}`;
const SHORT = 'sha256:1234567890098765432112345667890098765';

/** TestReferenceParse: 48 cases. */
const referenceParse: ReferenceCase[] = [
  { input: 'test_com', expected: ok('docker.io', 'library/test_com') },
  { input: 'test.com:tag', expected: ok('docker.io', 'library/test.com', 'tag') },
  { input: 'test.com:5000', expected: ok('docker.io', 'library/test.com', '5000') },
  { input: 'test.com/repo:tag', expected: ok('test.com', 'repo', 'tag') },
  { input: 'test:5000/repo', expected: ok('test:5000', 'repo') },
  { input: 'test:5000/repo:tag', expected: ok('test:5000', 'repo', 'tag') },
  { input: `test:5000/repo@${F64}`, expected: ok('test:5000', 'repo', null, F64) },
  { input: `test:5000/repo:tag@${F64}`, expected: ok('test:5000', 'repo', 'tag', F64) },
  { input: 'test:5000/repo', expected: ok('test:5000', 'repo'), note: 'listed twice upstream' },
  { input: '', expected: rejected(/Enter an image name/) },
  { input: ':justtag', expected: rejected() },
  { input: `@${F64}`, expected: rejected() },
  { input: `repo@sha256:${'f'.repeat(34)}`, expected: rejected(/exactly 64 hex digits/) },
  {
    input: `validname@invaliddigest:${'f'.repeat(64)}`,
    expected: rejected(/"invaliddigest" is not a digest algorithm/),
  },
  {
    input: `validname@sha512:${'f'.repeat(128)}`,
    expected: ok('docker.io', 'library/validname', null, `sha512:${'f'.repeat(128)}`),
    note: 'deliberate: upstream test binary lacks crypto/sha512, the engine links it, so the engine accepts sha512',
  },
  { input: 'Uppercase:tag', expected: rejected(/lowercase/) },
  { input: 'test:5000/Uppercase/lowercase:tag', expected: rejected(/lowercase/) },
  { input: 'lowercase:Uppercase', expected: ok('docker.io', 'library/lowercase', 'Uppercase') },
  { name: 'domain/ + 256 × a + :tag', input: `domain/${'a'.repeat(256)}:tag`, expected: rejected(/255/) },
  {
    name: '127 × a/ + a:tag-puts-this-over-max',
    input: `${'a/'.repeat(127)}a:tag-puts-this-over-max`,
    expected: ok('docker.io', `${'a/'.repeat(127)}a`, 'tag-puts-this-over-max'),
    note: 'upstream domain "a" is a Docker Hub namespace once normalized',
  },
  { input: 'aa/asdf$$^/aa', expected: rejected() },
  { input: 'sub-dom1.foo.com/bar/baz/quux', expected: ok('sub-dom1.foo.com', 'bar/baz/quux') },
  {
    input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    expected: ok('sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag'),
  },
  {
    input: 'b.gcr.io/test.example.com/my-app:test.example.com',
    expected: ok('b.gcr.io', 'test.example.com/my-app', 'test.example.com'),
  },
  { input: 'xn--n3h.com/myimage:xn--n3h.com', expected: ok('xn--n3h.com', 'myimage', 'xn--n3h.com') },
  {
    input: `xn--7o8h.com/myimage:xn--7o8h.com@${F64}`,
    expected: ok('xn--7o8h.com', 'myimage', 'xn--7o8h.com', F64),
  },
  { input: 'foo_bar.com:8080', expected: ok('docker.io', 'library/foo_bar.com', '8080') },
  {
    input: 'foo/foo_bar.com:8080',
    expected: ok('docker.io', 'foo/foo_bar.com', '8080'),
    note: 'upstream domain "foo" is a namespace once normalized',
  },
  { input: '192.168.1.1', expected: ok('docker.io', 'library/192.168.1.1') },
  { input: '192.168.1.1:tag', expected: ok('docker.io', 'library/192.168.1.1', 'tag') },
  { input: '192.168.1.1:5000', expected: ok('docker.io', 'library/192.168.1.1', '5000') },
  { input: '192.168.1.1/repo', expected: ok('192.168.1.1', 'repo') },
  { input: '192.168.1.1:5000/repo', expected: ok('192.168.1.1:5000', 'repo') },
  { input: '192.168.1.1:5000/repo:5050', expected: ok('192.168.1.1:5000', 'repo', '5050') },
  { input: '[2001:db8::1]', expected: rejected() },
  { input: '[2001:db8::1]:5000', expected: rejected() },
  { input: '[2001:db8::1]:tag', expected: rejected() },
  { input: '[2001:db8::1]/repo', expected: ok('[2001:db8::1]', 'repo') },
  { input: '[2001:db8:1:2:3:4:5:6]/repo:tag', expected: ok('[2001:db8:1:2:3:4:5:6]', 'repo', 'tag') },
  { input: '[2001:db8::1]:5000/repo', expected: ok('[2001:db8::1]:5000', 'repo') },
  { input: '[2001:db8::1]:5000/repo:tag', expected: ok('[2001:db8::1]:5000', 'repo', 'tag') },
  { input: `[2001:db8::1]:5000/repo@${F64}`, expected: ok('[2001:db8::1]:5000', 'repo', null, F64) },
  { input: `[2001:db8::1]:5000/repo:tag@${F64}`, expected: ok('[2001:db8::1]:5000', 'repo', 'tag', F64) },
  { input: '[2001:db8::]:5000/repo', expected: ok('[2001:db8::]:5000', 'repo') },
  { input: '[::1]:5000/repo', expected: ok('[::1]:5000', 'repo') },
  { input: '[fe80::1%eth0]:5000/repo', expected: rejected() },
  { input: '[fe80::1%@invalidzone]:5000/repo', expected: rejected() },
  {
    name: 'example.com/ + 255 × a + :tag',
    input: `example.com/${'a'.repeat(255)}:tag`,
    expected: ok('example.com', 'a'.repeat(255), 'tag'),
  },
];

/** TestWithNameFailure: 7 cases. `WithName` takes a bare name; we take a whole reference. */
const withNameFailure: ReferenceCase[] = [
  { input: '', expected: rejected() },
  { input: ':justtag', expected: rejected() },
  { input: `@${F64}`, expected: rejected() },
  { input: `validname@invaliddigest:${'f'.repeat(64)}`, expected: rejected() },
  {
    input: 'example.com/repo:tag',
    expected: ok('example.com', 'repo', 'tag'),
    note: 'WithName refuses the tag of a bare name; a reference may have one',
  },
  { name: 'example.com/ + 256 × a', input: `example.com/${'a'.repeat(256)}`, expected: rejected(/255/) },
  { input: 'aa/asdf$$^/aa', expected: rejected() },
];

/** TestDomainAndPath: 6 cases. */
const domainAndPath: ReferenceCase[] = [
  { input: 'test.com/foo', expected: ok('test.com', 'foo') },
  {
    input: 'test_com/foo',
    expected: ok('docker.io', 'test_com/foo'),
    note: 'upstream domain "" is Docker Hub once normalized',
  },
  { input: 'test:8080/foo', expected: ok('test:8080', 'foo') },
  { input: 'test.com:8080/foo', expected: ok('test.com:8080', 'foo') },
  { input: 'test-com:8080/foo', expected: ok('test-com:8080', 'foo') },
  { input: 'xn--n3h.com:18080/foo', expected: ok('xn--n3h.com:18080', 'foo') },
];

/** TestSerialization: 4 cases, the values it serializes. */
const serialization: ReferenceCase[] = [
  { input: '', expected: rejected() },
  { input: 'example.com:8000/named', expected: ok('example.com:8000', 'named') },
  { input: 'example.com:8000/named:tagged', expected: ok('example.com:8000', 'named', 'tagged') },
  {
    input: 'other.com/named@sha256:1234567890098765432112345667890098765432112345667890098765432112',
    expected: ok(
      'other.com',
      'named',
      null,
      'sha256:1234567890098765432112345667890098765432112345667890098765432112',
    ),
  },
];

/**
 * TestWithTag (5) and TestWithDigest (4): the combined strings. The builders accept a 37-digit
 * sha256 (they check only the grammar); upstream `Parse` rejects it (ErrDigestInvalidLength), and so do we.
 */
const combined: ReferenceCase[] = [
  { input: 'test.com/foo:tag', expected: ok('test.com', 'foo', 'tag') },
  { input: 'foo:tag2', expected: ok('docker.io', 'library/foo', 'tag2') },
  { input: 'test.com:8000/foo:tag4', expected: ok('test.com:8000', 'foo', 'tag4') },
  { input: 'test.com:8000/foo:TAG5', expected: ok('test.com:8000', 'foo', 'TAG5') },
  {
    input: `test.com:8000/foo:TAG5@${SHORT}`,
    expected: rejected(/exactly 64/),
    note: 'as Parse, not WithDigest',
  },
  { input: `test.com/foo@${SHORT}`, expected: rejected(/exactly 64/), note: 'as Parse, not WithDigest' },
  { input: `foo@${SHORT}`, expected: rejected(/exactly 64/), note: 'as Parse, not WithDigest' },
  { input: `test.com:8000/foo@${SHORT}`, expected: rejected(/exactly 64/), note: 'as Parse, not WithDigest' },
  {
    input: `test.com:8000/foo:latest@${SHORT}`,
    expected: rejected(/exactly 64/),
    note: 'as Parse, not WithDigest',
  },
];

describe('parseImageReference against reference_test.go', () => {
  itAnswersEach('TestReferenceParse', referenceParse);
  itAnswersEach('TestWithNameFailure', withNameFailure);
  itAnswersEach('TestDomainAndPath', domainAndPath);
  itAnswersEach('TestSerialization', serialization);
  itAnswersEach('TestWithTag/TestWithDigest', combined);
});

/**
 * TestParseNamed: 8 cases. `ParseNamed` refuses names that are not already canonical; we accept
 * familiar names, so a "not canonical" case must parse to a canonical form other than the input.
 */
const parseNamed: { input: string; domain: string; path: string; canonicalAsWritten: boolean }[] = [
  { input: 'test.com/foo', domain: 'test.com', path: 'foo', canonicalAsWritten: true },
  { input: 'test:8080/foo', domain: 'test:8080', path: 'foo', canonicalAsWritten: true },
  { input: 'test_com/foo', domain: 'docker.io', path: 'test_com/foo', canonicalAsWritten: false },
  { input: 'test.com', domain: 'docker.io', path: 'library/test.com', canonicalAsWritten: false },
  { input: 'foo', domain: 'docker.io', path: 'library/foo', canonicalAsWritten: false },
  { input: 'library/foo', domain: 'docker.io', path: 'library/foo', canonicalAsWritten: false },
  { input: 'docker.io/library/foo', domain: 'docker.io', path: 'library/foo', canonicalAsWritten: true },
  { input: 'docker.io/foo', domain: 'docker.io', path: 'library/foo', canonicalAsWritten: false },
];

describe('parseImageReference against reference_test.go TestParseNamed', () => {
  it.each(parseNamed)(
    '$input is $domain + $path, canonical as written: $canonicalAsWritten',
    ({ input, domain, path, canonicalAsWritten }) => {
      const parsed = parseImageReference(input);
      expect(parsed.ok && parsed.reference).toMatchObject({ domain, path });
      expect(parsed.ok && parsed.reference.canonical === `${input}:latest`).toBe(canonicalAsWritten);
    },
  );
});
