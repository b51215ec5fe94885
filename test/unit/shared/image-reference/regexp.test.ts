/**
 * Tables ported from distribution/reference `regexp_test.go` at commit
 * 0965666a6ade2e06035fe352e38344be1e68951a (github.com/distribution/reference).
 *
 * Upstream tests its regular expressions alone; we have no regexps in the API, so each case is the
 * whole reference through `parseImageReference`:
 * - TestDomainRegexp: the domain in front of a repository (`<domain>/x`). A bare word such as `a`
 *   matches the domain grammar, but the engine reads `a/x` as a Docker Hub namespace.
 * - TestFullNameRegexp: the name as a whole reference; the submatches become domain and path after
 *   normalization. Where the engine reads a reference differently from the name grammar (a
 *   trailing `:8080` is a tag; 257 characters pass the grammar but not the length limit) the note says so.
 * - TestReferenceRegexp: as is; submatches become path, tag and digest.
 * - TestIdentifierRegexp: a match is refused as an image ID, a non-match is not.
 */
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../../src/shared/image-reference';
import { itAnswersEach, ok, type Outcome, type ReferenceCase, rejected } from './expect-reference';

/** TestDomainRegexp: 30 cases, as `<input>/x`. */
const domains: [string, Outcome][] = [
  ['test.com', ok('test.com', 'x')],
  ['test.com:10304', ok('test.com:10304', 'x')],
  ['test.com:http', rejected(/port "http" must be a number/)],
  ['localhost', ok('localhost', 'x')],
  ['localhost:8080', ok('localhost:8080', 'x')],
  ['a', ok('docker.io', 'a/x')],
  ['a.b', ok('a.b', 'x')],
  ['ab.cd.com', ok('ab.cd.com', 'x')],
  ['a-b.com', ok('a-b.com', 'x')],
  ['-ab.com', rejected()],
  ['ab-.com', rejected()],
  ['ab.c-om', ok('ab.c-om', 'x')],
  ['ab.-com', rejected()],
  ['ab.com-', rejected()],
  ['0101.com', ok('0101.com', 'x')],
  ['001a.com', ok('001a.com', 'x')],
  ['b.gbc.io:443', ok('b.gbc.io:443', 'x')],
  ['b.gbc.io', ok('b.gbc.io', 'x')],
  ['xn--n3h.com', ok('xn--n3h.com', 'x')],
  ['Asdf.com', ok('Asdf.com', 'x')],
  ['192.168.1.1:75050', ok('192.168.1.1:75050', 'x')],
  ['192.168.1.1:750050', ok('192.168.1.1:750050', 'x')],
  ['[fd00:1:2::3]:75050', ok('[fd00:1:2::3]:75050', 'x')],
  ['[fd00:1:2::3]75050', rejected()],
  ['[fd00:1:2::3]::75050', rejected()],
  ['[fd00:1:2::3%eth0]:75050', rejected()],
  ['[fd00123123123]:75050', ok('[fd00123123123]:75050', 'x')],
  [
    '[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050',
    ok('[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050', 'x'),
  ],
  [
    '[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505',
    ok('[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505', 'x'),
  ],
  ['fd00:1:2::3:75050', rejected()],
];

/** TestFullNameRegexp: 64 cases. */
const names: ReferenceCase[] = [
  { input: '', expected: rejected() },
  { input: 'short', expected: ok('docker.io', 'library/short') },
  { input: 'simple/name', expected: ok('docker.io', 'simple/name') },
  { input: 'library/ubuntu', expected: ok('docker.io', 'library/ubuntu') },
  { input: 'docker/stevvooe/app', expected: ok('docker.io', 'docker/stevvooe/app') },
  {
    input: 'aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb',
    expected: ok('docker.io', 'aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb'),
  },
  { input: 'aa/aa/bb/bb/bb', expected: ok('docker.io', 'aa/aa/bb/bb/bb') },
  { input: 'a/a/a/a', expected: ok('docker.io', 'a/a/a/a') },
  { input: 'a/a/a/a/', expected: rejected() },
  { input: 'a//a/a', expected: rejected() },
  { input: 'a', expected: ok('docker.io', 'library/a') },
  { input: 'a/aa', expected: ok('docker.io', 'a/aa') },
  { input: 'a/aa/a', expected: ok('docker.io', 'a/aa/a') },
  { input: 'foo.com', expected: ok('docker.io', 'library/foo.com') },
  { input: 'foo.com/', expected: rejected() },
  { input: 'foo.com:8080/bar', expected: ok('foo.com:8080', 'bar') },
  { input: 'foo.com:http/bar', expected: rejected() },
  { input: 'foo.com/bar', expected: ok('foo.com', 'bar') },
  { input: 'foo.com/bar/baz', expected: ok('foo.com', 'bar/baz') },
  { input: 'localhost:8080/bar', expected: ok('localhost:8080', 'bar') },
  { input: 'sub-dom1.foo.com/bar/baz/quux', expected: ok('sub-dom1.foo.com', 'bar/baz/quux') },
  { input: 'blog.foo.com/bar/baz', expected: ok('blog.foo.com', 'bar/baz') },
  { input: 'a^a', expected: rejected() },
  { input: 'aa/asdf$$^/aa', expected: rejected() },
  { input: 'asdf$$^/aa', expected: rejected() },
  { input: 'aa-a/a', expected: ok('docker.io', 'aa-a/a') },
  {
    name: '128 × a/ + a',
    input: `${'a/'.repeat(128)}a`,
    expected: rejected(/257 characters/),
    note: 'the grammar matches; the engine then refuses a 257-character path',
  },
  { input: 'a-/a/a/a', expected: rejected() },
  { input: 'foo.com/a-/a/a', expected: rejected() },
  { input: '-foo/bar', expected: rejected() },
  { input: 'foo/bar-', expected: rejected() },
  { input: 'foo-/bar', expected: rejected() },
  { input: 'foo/-bar', expected: rejected() },
  { input: '_foo/bar', expected: rejected() },
  { input: 'foo_bar', expected: ok('docker.io', 'library/foo_bar') },
  { input: 'foo_bar.com', expected: ok('docker.io', 'library/foo_bar.com') },
  {
    input: 'foo_bar.com:8080',
    expected: ok('docker.io', 'library/foo_bar.com', '8080'),
    note: 'not a name, but a reference with tag 8080',
  },
  { input: 'foo_bar.com:8080/app', expected: rejected() },
  { input: 'foo.com/foo_bar', expected: ok('foo.com', 'foo_bar') },
  { input: '____/____', expected: rejected() },
  { input: '_docker/_docker', expected: rejected() },
  { input: 'docker_/docker_', expected: rejected() },
  { input: 'b.gcr.io/test.example.com/my-app', expected: ok('b.gcr.io', 'test.example.com/my-app') },
  { input: 'xn--n3h.com/myimage', expected: ok('xn--n3h.com', 'myimage') },
  { input: 'xn--7o8h.com/myimage', expected: ok('xn--7o8h.com', 'myimage') },
  { input: 'example.com/xn--7o8h.com/myimage', expected: ok('example.com', 'xn--7o8h.com/myimage') },
  {
    input: 'example.com/some_separator__underscore/myimage',
    expected: ok('example.com', 'some_separator__underscore/myimage'),
  },
  { input: 'example.com/__underscore/myimage', expected: rejected() },
  { input: 'example.com/..dots/myimage', expected: rejected() },
  { input: 'example.com/.dots/myimage', expected: rejected() },
  { input: 'example.com/nodouble..dots/myimage', expected: rejected() },
  { input: 'example.com/nodouble..dots/myimage', expected: rejected(), note: 'listed twice upstream' },
  { input: 'docker./docker', expected: rejected() },
  { input: '.docker/docker', expected: rejected() },
  { input: 'docker-/docker', expected: rejected() },
  { input: '-docker/docker', expected: rejected() },
  { input: 'do..cker/docker', expected: rejected() },
  { input: 'do__cker:8080/docker', expected: rejected() },
  { input: 'do__cker/docker', expected: ok('docker.io', 'do__cker/docker') },
  {
    input: 'b.gcr.io/test.example.com/my-app',
    expected: ok('b.gcr.io', 'test.example.com/my-app'),
    note: 'listed twice upstream',
  },
  {
    input: 'registry.io/foo/project--id.module--name.ver---sion--name',
    expected: ok('registry.io', 'foo/project--id.module--name.ver---sion--name'),
  },
  { input: 'Asdf.com/foo/bar', expected: ok('Asdf.com', 'foo/bar') },
  { input: 'Foo/FarB', expected: rejected(/lowercase/) },
];

const BE17 = 'sha256:be178c0543eb17f5f3043021c9e5fcf30285e557a4fc309cce97ff9ca6182912';

/** TestReferenceRegexp: 12 cases. */
const references: ReferenceCase[] = [
  { input: 'registry.com:8080/myapp:tag', expected: ok('registry.com:8080', 'myapp', 'tag') },
  { input: `registry.com:8080/myapp@${BE17}`, expected: ok('registry.com:8080', 'myapp', null, BE17) },
  { input: `registry.com:8080/myapp:tag2@${BE17}`, expected: ok('registry.com:8080', 'myapp', 'tag2', BE17) },
  { input: 'registry.com:8080/myapp@sha256:badbadbadbad', expected: rejected() },
  { input: 'registry.com:8080/myapp:invalid~tag', expected: rejected() },
  { input: 'bad_hostname.com:8080/myapp:tag', expected: rejected() },
  {
    input: `localhost:8080@${BE17}`,
    expected: ok('docker.io', 'library/localhost', '8080', BE17),
    note: 'localhost is the name and 8080 the tag',
  },
  { input: `localhost:8080/name@${BE17}`, expected: ok('localhost:8080', 'name', null, BE17) },
  { input: `localhost:http/name@${BE17}`, expected: rejected() },
  { input: `localhost@${BE17}`, expected: ok('docker.io', 'library/localhost', null, BE17) },
  { input: 'registry.com:8080/myapp@bad', expected: rejected() },
  { input: 'registry.com:8080/myapp@2bad', expected: rejected() },
];

describe('parseImageReference against regexp_test.go', () => {
  itAnswersEach(
    'TestDomainRegexp',
    domains.map(([domain, expected]) => ({ input: `${domain}/x`, expected })),
  );
  itAnswersEach('TestFullNameRegexp', names);
  itAnswersEach('TestReferenceRegexp', references);
});

/** TestIdentifierRegexp: 5 cases. */
const identifiers: { input: string; imageId: boolean; note?: string }[] = [
  { input: 'da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821', imageId: true },
  { input: '7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C', imageId: false },
  { input: 'da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf', imageId: false },
  {
    input: 'sha256:da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821',
    imageId: true,
    note: 'deliberate: upstream would read repository "sha256" with a 64-digit tag; it is the ID as docker images --no-trunc prints it',
  },
  { input: 'da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf98218482', imageId: false },
];

describe('parseImageReference against regexp_test.go TestIdentifierRegexp', () => {
  for (const { input, imageId, note } of identifiers) {
    it(`${imageId ? 'refuses' : 'does not refuse'} ${input} as an image ID${note ? ` (${note})` : ''}`, () => {
      const parsed = parseImageReference(input);
      expect(!parsed.ok && /looks like an image ID/.test(parsed.message)).toBe(imageId);
    });
  }
});
