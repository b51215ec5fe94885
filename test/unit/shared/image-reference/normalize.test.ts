/**
 * Tables ported from distribution/reference `normalize_test.go` at commit
 * 0965666a6ade2e06035fe352e38344be1e68951a (github.com/distribution/reference).
 *
 * `parseImageReference` answers like `ParseNormalizedNamed` followed by `TagNameOnly` (what the
 * engine pulls), so upstream's names without a tag appear here with `:latest`, and `canonical`
 * follows `ParseDockerRef`: with both a tag and a digest it is `name@digest`.
 *
 * Not ported: TestMatch and TestMatchError test `FamiliarMatch` (glob patterns), which has no
 * counterpart here.
 */
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../../src/shared/image-reference';
import { itAnswersEach, ok, type Outcome, type ReferenceCase, rejected } from './expect-reference';

const accepted: Outcome = { ok: true };
const HEX64 = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

/** TestValidateReferenceName: 27 valid, 14 invalid. */
const referenceNames: ReferenceCase[] = [
  ...[
    'docker/docker',
    'library/debian',
    'debian',
    'localhost/library/debian',
    'localhost/debian',
    'LOCALDOMAIN/library/debian',
    'LOCALDOMAIN/debian',
    'docker.io/docker/docker',
    'docker.io/library/debian',
    'docker.io/debian',
    'index.docker.io/docker/docker',
    'index.docker.io/library/debian',
    'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian',
    '127.0.0.1:5000/debian',
    '192.168.0.1',
    '192.168.0.1:80',
    '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker',
    '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    `docker.io/${HEX64}`,
    'Docker/docker',
    'DOCKER/docker',
  ].map((input) => ({ input, expected: accepted })),
  ...[
    'https://github.com/docker/docker',
    'docker/Docker',
    '-docker',
    '-docker/docker',
    '-docker.io/docker/docker',
    'docker///docker',
    'docker.io/docker/Docker',
    'docker.io/docker///docker',
    '[fc00::1]',
    '[fc00::1]:5000',
    'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian',
    '[2001:db8:3:4::192.0.2.33]:5000/debian',
  ].map((input) => ({ input, expected: rejected() })),
  { input: HEX64, expected: rejected(/looks like an image ID/) },
];

/** TestValidateRemoteName: 8 valid, 13 invalid. */
const remoteNames: ReferenceCase[] = [
  ...[
    'docker/docker',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    'docker-rules/docker',
    'docker---rules/docker',
    'doc/docker',
    'd/docker',
    'jess/t',
    'dock__er/docker',
  ].map((input) => ({ input, expected: accepted })),
  { input: 'docker/Docker', expected: rejected(/lowercase/) },
  { input: 'docker///docker', expected: rejected() },
  { input: HEX64, expected: rejected(/looks like an image ID/) },
  ...[
    '-docker/docker',
    'docker-/docker',
    '-docker-/docker',
    '____/____',
    '_docker/_docker',
    'dock..er/docker',
    'dock_.er/docker',
    'dock-.er/docker',
    'docker/',
  ].map((input) => ({ input, expected: rejected() })),
  {
    name: 'a 263-character namespace',
    input: `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(3)}this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker`,
    expected: rejected(/at most 255/),
  },
];

describe('parseImageReference against normalize_test.go', () => {
  itAnswersEach('TestValidateReferenceName', referenceNames);
  itAnswersEach('TestValidateRemoteName', remoteNames);
});

/** TestParseRepositoryInfo: 20 names, each written as familiar, full and (7 times) ambiguous name. */
const repositoryInfo: {
  remote: string;
  familiar: string;
  full: string;
  ambiguous: string;
  domain: string;
}[] = [
  {
    remote: 'fooo',
    familiar: 'localhost/fooo',
    full: 'localhost/fooo',
    ambiguous: 'localhost/fooo',
    domain: 'localhost',
  },
  {
    remote: 'fooo/bar',
    familiar: 'localhost/fooo/bar',
    full: 'localhost/fooo/bar',
    ambiguous: 'localhost/fooo/bar',
    domain: 'localhost',
  },
  {
    remote: 'fooo',
    familiar: 'LOCALDOMAIN/fooo',
    full: 'LOCALDOMAIN/fooo',
    ambiguous: 'LOCALDOMAIN/fooo',
    domain: 'LOCALDOMAIN',
  },
  {
    remote: 'fooo/bar',
    familiar: 'LOCALDOMAIN/fooo/bar',
    full: 'LOCALDOMAIN/fooo/bar',
    ambiguous: 'LOCALDOMAIN/fooo/bar',
    domain: 'LOCALDOMAIN',
  },
  {
    remote: 'fooo/bar',
    familiar: 'fooo/bar',
    full: 'docker.io/fooo/bar',
    ambiguous: 'index.docker.io/fooo/bar',
    domain: 'docker.io',
  },
  {
    remote: 'library/ubuntu',
    familiar: 'ubuntu',
    full: 'docker.io/library/ubuntu',
    ambiguous: 'library/ubuntu',
    domain: 'docker.io',
  },
  {
    remote: 'nonlibrary/ubuntu',
    familiar: 'nonlibrary/ubuntu',
    full: 'docker.io/nonlibrary/ubuntu',
    ambiguous: '',
    domain: 'docker.io',
  },
  {
    remote: 'other/library',
    familiar: 'other/library',
    full: 'docker.io/other/library',
    ambiguous: '',
    domain: 'docker.io',
  },
  {
    remote: 'private/moonbase',
    familiar: '127.0.0.1:8000/private/moonbase',
    full: '127.0.0.1:8000/private/moonbase',
    ambiguous: '',
    domain: '127.0.0.1:8000',
  },
  {
    remote: 'privatebase',
    familiar: '127.0.0.1:8000/privatebase',
    full: '127.0.0.1:8000/privatebase',
    ambiguous: '',
    domain: '127.0.0.1:8000',
  },
  {
    remote: 'private/moonbase',
    familiar: 'example.com/private/moonbase',
    full: 'example.com/private/moonbase',
    ambiguous: '',
    domain: 'example.com',
  },
  {
    remote: 'privatebase',
    familiar: 'example.com/privatebase',
    full: 'example.com/privatebase',
    ambiguous: '',
    domain: 'example.com',
  },
  {
    remote: 'private/moonbase',
    familiar: 'example.com:8000/private/moonbase',
    full: 'example.com:8000/private/moonbase',
    ambiguous: '',
    domain: 'example.com:8000',
  },
  {
    remote: 'privatebasee',
    familiar: 'example.com:8000/privatebasee',
    full: 'example.com:8000/privatebasee',
    ambiguous: '',
    domain: 'example.com:8000',
  },
  {
    remote: 'library/ubuntu-12.04-base',
    familiar: 'ubuntu-12.04-base',
    full: 'docker.io/library/ubuntu-12.04-base',
    ambiguous: 'index.docker.io/library/ubuntu-12.04-base',
    domain: 'docker.io',
  },
  {
    remote: 'library/foo',
    familiar: 'foo',
    full: 'docker.io/library/foo',
    ambiguous: 'docker.io/foo',
    domain: 'docker.io',
  },
  {
    remote: 'library/foo/bar',
    familiar: 'library/foo/bar',
    full: 'docker.io/library/foo/bar',
    ambiguous: '',
    domain: 'docker.io',
  },
  {
    remote: 'store/foo/bar',
    familiar: 'store/foo/bar',
    full: 'docker.io/store/foo/bar',
    ambiguous: '',
    domain: 'docker.io',
  },
  { remote: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', ambiguous: '', domain: 'Foo' },
  { remote: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', ambiguous: '', domain: 'FOO' },
];

describe('parseImageReference against normalize_test.go TestParseRepositoryInfo', () => {
  for (const info of repositoryInfo) {
    for (const written of [info.familiar, info.full, info.ambiguous].filter((name) => name !== '')) {
      it(`reads "${written}" as ${info.domain} + ${info.remote}, familiar "${info.familiar}"`, () => {
        const parsed = parseImageReference(written);
        expect(parsed.ok && parsed.reference).toMatchObject({
          domain: info.domain,
          path: info.remote,
          familiar: `${info.familiar}:latest`,
          canonical: `${info.full}:latest`,
        });
      });
    }
  }
});

describe('parseImageReference against normalize_test.go TestParseReferenceWithTagAndDigest', () => {
  const digest = 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
  it('keeps tag and digest in the familiar name and pulls by digest (ParseDockerRef)', () => {
    const parsed = parseImageReference(`busybox:latest@${digest}`);
    expect(parsed.ok && parsed.reference).toMatchObject({
      tag: 'latest',
      digest,
      familiar: `busybox:latest@${digest}`,
      // Upstream's String() is docker.io/library/busybox:latest@…; the engine drops the tag.
      canonical: `docker.io/library/busybox@${digest}`,
    });
  });
});

describe('parseImageReference against normalize_test.go TestInvalidReferenceComponents', () => {
  itAnswersEach('TestInvalidReferenceComponents', [
    { input: '-foo', expected: rejected() },
    { input: 'busybox:-foo', expected: rejected(/tag "-foo"/), note: 'WithTag(busybox, "-foo")' },
    { input: 'busybox@foo', expected: rejected(/digest/), note: 'WithDigest(busybox, "foo")' },
  ]);
});

/** TestParseAnyReference: 14 cases; `canonical` is the upstream "Equivalent", with `:latest` when bare. */
const REDIS = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const anyReference: ReferenceCase[] = [
  ['redis', 'docker.io/library/redis:latest'],
  ['redis:latest', 'docker.io/library/redis:latest'],
  ['docker.io/library/redis:latest', 'docker.io/library/redis:latest'],
  [`redis@${REDIS}`, `docker.io/library/redis@${REDIS}`],
  [`docker.io/library/redis@${REDIS}`, `docker.io/library/redis@${REDIS}`],
  ['dmcgowan/myapp', 'docker.io/dmcgowan/myapp:latest'],
  ['dmcgowan/myapp:latest', 'docker.io/dmcgowan/myapp:latest'],
  ['docker.io/mcgowan/myapp:latest', 'docker.io/mcgowan/myapp:latest'],
  [`dmcgowan/myapp@${REDIS}`, `docker.io/dmcgowan/myapp@${REDIS}`],
  [`docker.io/dmcgowan/myapp@${REDIS}`, `docker.io/dmcgowan/myapp@${REDIS}`],
  [
    'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9',
    'docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9:latest',
  ],
  ['dbcc1', 'docker.io/library/dbcc1:latest'],
].map(([input, canonical]) => ({ input: input!, expected: { ok: true, canonical } }));
anyReference.push(
  {
    input: REDIS.slice('sha256:'.length),
    expected: rejected(/looks like an image ID/),
    note: 'upstream reads it as image ID sha256:dbcc…; an image name cannot be one',
  },
  {
    input: REDIS,
    expected: rejected(/looks like an image ID/),
    note: 'upstream reads it as an image ID; an image name cannot be one',
  },
);

/** TestNormalizedSplitHostname: 11 cases. */
const splitHostname: ReferenceCase[] = [
  { input: 'test.com/foo', expected: ok('test.com', 'foo') },
  { input: 'test_com/foo', expected: ok('docker.io', 'test_com/foo') },
  { input: 'docker/migrator', expected: ok('docker.io', 'docker/migrator') },
  { input: 'test.com:8080/foo', expected: ok('test.com:8080', 'foo') },
  { input: 'test-com:8080/foo', expected: ok('test-com:8080', 'foo') },
  { input: 'foo', expected: ok('docker.io', 'library/foo') },
  { input: 'xn--n3h.com/foo', expected: ok('xn--n3h.com', 'foo') },
  { input: 'xn--n3h.com:18080/foo', expected: ok('xn--n3h.com:18080', 'foo') },
  { input: 'docker.io/foo', expected: ok('docker.io', 'library/foo') },
  { input: 'docker.io/library/foo', expected: ok('docker.io', 'library/foo') },
  { input: 'docker.io/library/foo/bar', expected: ok('docker.io', 'library/foo/bar') },
];

/** TestParseDockerRef: 11 cases, the engine's view of a reference. */
const BUSYBOX = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
const dockerRef: ReferenceCase[] = [
  ['busybox', 'docker.io/library/busybox:latest'],
  ['busybox:latest', 'docker.io/library/busybox:latest'],
  [`busybox@${BUSYBOX}`, `docker.io/library/busybox@${BUSYBOX}`],
  ['library/busybox', 'docker.io/library/busybox:latest'],
  ['docker.io/busybox', 'docker.io/library/busybox:latest'],
  ['docker.io/library/busybox', 'docker.io/library/busybox:latest'],
  ['docker.io/busybox:latest', 'docker.io/library/busybox:latest'],
  ['library/busybox:latest', 'docker.io/library/busybox:latest'],
  ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
  ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
  [`gcr.io/library/busybox:latest@${BUSYBOX}`, `gcr.io/library/busybox@${BUSYBOX}`],
].map(([input, canonical]) => ({ input: input!, expected: { ok: true, canonical } }));

describe('parseImageReference against normalize_test.go', () => {
  itAnswersEach('TestParseAnyReference', anyReference);
  itAnswersEach('TestNormalizedSplitHostname', splitHostname);
  itAnswersEach('TestParseDockerRef', dockerRef);
});
