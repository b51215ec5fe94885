import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../../src/shared/image-reference';
import { expectOutcome, ok, rejected } from './expect-reference';

const hex = (length: number, digit = 'f'): string => digit.repeat(length);

describe('parseImageReference digests', () => {
  it('accepts sha256, sha384 and sha512 with exactly 64, 96 and 128 lowercase hex digits', () => {
    expectOutcome(`app@sha256:${hex(64)}`, ok('docker.io', 'library/app', null, `sha256:${hex(64)}`));
    expectOutcome(`app@sha384:${hex(96)}`, ok('docker.io', 'library/app', null, `sha384:${hex(96)}`));
    expectOutcome(`app@sha512:${hex(128)}`, ok('docker.io', 'library/app', null, `sha512:${hex(128)}`));
  });

  it('refuses a digest of the wrong length and says how many digits it needs', () => {
    expectOutcome(
      `app@sha256:${hex(34)}`,
      rejected(/sha256 digest has exactly 64 hex digits.*this one has 34/),
    );
    expectOutcome(`app@sha256:${hex(65)}`, rejected(/exactly 64 .* has 65/));
    expectOutcome(`app@sha384:${hex(64)}`, rejected(/sha384 digest has exactly 96/));
    expectOutcome(`app@sha512:${hex(96)}`, rejected(/sha512 digest has exactly 128/));
  });

  it('refuses algorithms the engine does not know, naming them', () => {
    expectOutcome(`app@md5:${hex(32)}`, rejected(/"md5" is not a digest algorithm .* sha256:/));
    expectOutcome(`app@sha256+b64:${hex(64)}`, rejected(/"sha256\+b64" is not a digest algorithm/));
  });

  it('asks for lowercase algorithm names and hex digits, as the engine accepts only those', () => {
    expectOutcome(`app@SHA256:${hex(64)}`, rejected(/algorithm in lowercase: sha256/));
    expectOutcome(`app@sha256:${hex(64, 'F')}`, rejected(/digest in lowercase/));
  });

  it('refuses a digest without an algorithm or with non-hex digits', () => {
    expectOutcome('app@', rejected(/is not a digest: write it as sha256:/));
    expectOutcome(`app@${hex(64)}`, rejected(/is not a digest: write it as sha256:/));
    expectOutcome(`app@sha256:${hex(63)}g`, rejected(/only hex digits/));
  });
});

describe('parseImageReference with both a tag and a digest', () => {
  const digest = `sha256:${hex(64, 'a')}`;

  it('resolves to the digest, as the engine pulls by digest and ignores the tag', () => {
    const parsed = parseImageReference(`ghcr.io/me/app:1.0@${digest}`);
    expect(parsed.ok && parsed.reference).toMatchObject({
      tag: '1.0',
      digest,
      canonical: `ghcr.io/me/app@${digest}`,
      familiar: `ghcr.io/me/app:1.0@${digest}`,
    });
  });

  it('keeps the tag visible in the familiar name of a Docker Hub image', () => {
    const parsed = parseImageReference(`docker.io/library/app:1.0@${digest}`);
    expect(parsed.ok && parsed.reference.familiar).toBe(`app:1.0@${digest}`);
  });
});

describe('parseImageReference registry hosts', () => {
  it('refuses dots in an IPv6 address, as the engine excludes IPv4-mapped forms', () => {
    expectOutcome('[::ffff:192.0.2.1]:5000/app', rejected(/only hex digits and ":" inside the brackets/));
    expectOutcome('[::1]:5000/app', ok('[::1]:5000', 'app'));
  });

  it('asks for brackets around an IPv6 address', () => {
    expectOutcome('fd00::1:5000/app', rejected(/IPv6 registry address in brackets/));
  });

  it('refuses a zone in an IPv6 address', () => {
    expectOutcome('[fe80::1%eth0]:5000/app', rejected(/inside the brackets/));
  });

  it('explains a port that is not a number', () => {
    expectOutcome('registry.example.com:http/app', rejected(/port "http" must be a number/));
  });
});

describe('parseImageReference name length', () => {
  it('counts 255 characters on the path, not on the registry in front of it', () => {
    expectOutcome(
      `registry.example.com:5000/${'a'.repeat(255)}`,
      ok('registry.example.com:5000', 'a'.repeat(255)),
    );
    expectOutcome(
      `registry.example.com:5000/${'a'.repeat(256)}`,
      rejected(/256 characters long; at most 255/),
    );
  });

  it("counts Docker Hub's implied library/ as the engine does, so an official name has at most 247", () => {
    expectOutcome('a'.repeat(247), ok('docker.io', `library/${'a'.repeat(247)}`));
    expectOutcome(
      'a'.repeat(248),
      rejected(/becomes library\/<name>, 256 characters.*247 for the name itself/),
    );
    expectOutcome(`docker.io/${'a'.repeat(248)}`, rejected(/library\/<name>/));
  });

  it('does not add library/ to a Docker Hub name with a namespace', () => {
    expectOutcome(`me/${'a'.repeat(252)}`, ok('docker.io', `me/${'a'.repeat(252)}`));
  });
});

describe('parseImageReference image IDs', () => {
  it('says that 64 hex digits are an image ID, with or without sha256:', () => {
    expectOutcome(hex(64, 'a'), rejected(/looks like an image ID/));
    expectOutcome(`sha256:${hex(64, 'a')}`, rejected(/looks like an image ID/));
  });

  it('accepts 64 hex digits with a registry or a tag, as the engine reads those as names', () => {
    expectOutcome(`docker.io/${hex(64, 'a')}`, ok('docker.io', `library/${hex(64, 'a')}`));
    expectOutcome(`${hex(64, 'a')}:1.0`, ok('docker.io', `library/${hex(64, 'a')}`, '1.0'));
  });
});

describe('parseImageReference familiar names', () => {
  it.each([
    ['ubuntu', 'ubuntu:latest'],
    ['docker.io/library/ubuntu:22.04', 'ubuntu:22.04'],
    ['index.docker.io/me/app:1', 'me/app:1'],
    ['docker.io/library/foo/bar', 'library/foo/bar:latest'],
    ['ghcr.io/me/app', 'ghcr.io/me/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['docker.io/my.org/app', 'docker.io/my.org/app:latest'],
    ['docker.io/localhost/app', 'docker.io/localhost/app:latest'],
  ])('writes %s as the docker CLI shows it, unless that would name another image: %s', (input, familiar) => {
    const parsed = parseImageReference(input);
    expect(parsed.ok && parsed.reference.familiar).toBe(familiar);
  });
});

describe('parseImageReference messages', () => {
  it('ignores spaces around the name but refuses spaces inside it', () => {
    expectOutcome('  ubuntu:22.04 \n', ok('docker.io', 'library/ubuntu', '22.04'));
    expectOutcome('my app', rejected(/cannot contain spaces/));
  });

  it('names an invisible character by its code point', () => {
    expectOutcome('app\u0000', rejected(/^U\+0000 is not allowed/));
    expectOutcome('app\ud800', rejected(/^U\+D800 is not allowed/));
  });

  it('shortens long input quoted back in a message', () => {
    const parsed = parseImageReference(`${'A'.repeat(5000)}:tag`);
    expect(parsed.ok ? null : parsed.message).toMatch(
      /^Repository names must be lowercase: write "a{57}…", not "A{57}…"\.$/,
    );
  });

  it('suggests the lowercase name', () => {
    expectOutcome('me/MyApp', rejected(/write "myapp", not "MyApp"/));
  });
});
