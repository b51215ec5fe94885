/**
 * Image references (`namespace/repo:tag`, `host:5000/team/app@sha256:…`) by the grammar of
 * distribution/reference, the one the engine and the docker CLI enforce, with messages that say
 * what is wrong and how to write it instead.
 *
 * Names are read the way the engine reads them (`ParseNormalizedNamed`): the first component is
 * a registry only if it contains "." or ":", is `localhost`, or has uppercase letters; otherwise
 * the name is on Docker Hub, where a single name means the official `library/` namespace.
 */

/**
 * A valid reference, with the parts the UI shows and the full name it resolves to.
 *
 * With both a tag and a digest (`app:1.0@sha256:…`) the engine pulls by digest and ignores the tag
 * (distribution/reference `ParseDockerRef`): `canonical` is then `name@digest`, while `tag` and
 * `familiar` keep the tag as the user wrote it.
 */
export interface ImageReference {
  /** Registry host, `docker.io` when none is written (or `index.docker.io`). */
  domain: string;
  /** Repository path without the domain, with `library/` for Docker Hub's official images. */
  path: string;
  /** The tag as written; `latest` when neither tag nor digest is written; null for a digest alone. */
  tag: string | null;
  /** `sha256:` + 64 lowercase hex digits (or sha384/sha512), when written. */
  digest: string | null;
  /** What the engine pulls: `docker.io/library/app:latest`, or `host/app@sha256:…` when a digest is written. */
  canonical: string;
  /**
   * The short form the docker CLI shows (`app:latest`, `me/app:1.0`, `ghcr.io/me/app:1.0`): no
   * `docker.io/` and no `library/` for official images, with `:latest` when nothing followed the
   * name, and both tag and digest when both were written.
   */
  familiar: string;
  dockerHub: boolean;
  /** Docker Hub account or organisation (`me` in `me/app`), `library` for official images; null elsewhere. */
  hubNamespace: string | null;
}

export type ReferenceParse = { ok: true; reference: ImageReference } | { ok: false; message: string };

const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
const OFFICIAL = 'library/';
/** distribution/reference `RepositoryNameTotalLengthMax`, counted on the path without the domain. */
const PATH_MAX = 255;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
// Zone identifiers (%eth0) and IPv4-mapped forms (::1.2.3.4) are excluded upstream.
const IPV6 = /^\[[0-9a-fA-F:]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/**
 * Hex digits per algorithm the engine verifies (opencontainers/go-digest v1.0.0, which the engine
 * uses; it links crypto/sha512, so sha384 and sha512 are available there).
 */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{64}$/;

/** Parses and validates a reference; never throws. */
export function parseImageReference(input: string): ReferenceParse {
  const text = input.trim();
  if (text === '') return invalid('Enter an image name, e.g. myname/myapp:1.0');
  if (/\s/.test(text)) return invalid('An image name cannot contain spaces.');
  // The engine refuses a bare 64-digit hex name so that image IDs and names never mix up; the
  // sha256: form is how `docker images --no-trunc` prints an ID, so it gets the same answer.
  if (IMAGE_ID.test(text)) {
    return invalid(
      'This looks like an image ID (64 hex digits), not an image name: write a name such as myname/myapp:1.0.',
    );
  }

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = checkDigest(digest);
    if (problem) return invalid(problem);
  }

  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '')
      return invalid('Nothing follows the ":" — write a tag such as 1.0, or leave the ":" out for "latest".');
    if (!TAG.test(tag)) {
      return invalid(
        tag.length > 128
          ? `The tag is ${tag.length} characters long; at most 128 are allowed.`
          : `The tag "${clip(tag)}" is not valid: use letters, digits, "_", "." and "-", not starting with "." or "-".`,
      );
    }
  }

  if (rest === '') return invalid('The image name is missing before the ":" or "@".');

  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasDomain =
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const written = hasDomain ? first : DOCKER_HUB;
  const remote = hasDomain ? rest.slice(slash + 1) : rest;

  if (hasDomain) {
    const problem = checkDomain(written);
    if (problem) return invalid(problem);
  }
  if (remote === '') return invalid(`Write a repository after "${clip(written)}/".`);
  for (const component of remote.split('/')) {
    const problem = checkPathComponent(component);
    if (problem) return invalid(problem);
  }

  const dockerHub = written === DOCKER_HUB || written === LEGACY_DOCKER_HUB;
  const domain = dockerHub ? DOCKER_HUB : written;
  const path = dockerHub && !remote.includes('/') ? `${OFFICIAL}${remote}` : remote;
  if (path.length > PATH_MAX) return invalid(pathTooLong(path, remote));

  const effectiveTag = tag ?? (digest ? null : 'latest');
  const familiarName = dockerHub ? familiarHubPath(path) : `${domain}/${path}`;
  return {
    ok: true,
    reference: {
      domain,
      path,
      tag: effectiveTag,
      digest,
      canonical: `${domain}/${path}${digest ? `@${digest}` : `:${effectiveTag}`}`,
      familiar: `${familiarName}${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`,
      dockerHub,
      hubNamespace: dockerHub ? path.split('/')[0]! : null,
    },
  };
}

/**
 * A Docker Hub path as the CLI shows it, but kept as `docker.io/…` when its first component would
 * read as a registry (`docker.io/my.org/app`): the CLI's `my.org/app` names another image.
 */
function familiarHubPath(path: string): string {
  const first = path.slice(0, path.indexOf('/'));
  if (first.includes('.') || first === 'localhost') return `${DOCKER_HUB}/${path}`;
  const name = path.slice(OFFICIAL.length);
  return path.startsWith(OFFICIAL) && !name.includes('/') ? name : path;
}

function checkDigest(digest: string): string | null {
  const colon = digest.indexOf(':');
  if (colon <= 0) return `"${clip(digest)}" is not a digest: write it as sha256: followed by 64 hex digits.`;
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH.get(algorithm);
  if (length === undefined) {
    return DIGEST_HEX_LENGTH.has(algorithm.toLowerCase())
      ? `Write the digest algorithm in lowercase: ${algorithm.toLowerCase()}.`
      : `"${clip(algorithm)}" is not a digest algorithm the engine accepts: write sha256: followed by 64 hex digits (sha384 and sha512 also work).`;
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) return `A digest has only hex digits (0-9, a-f) after "${algorithm}:".`;
  if (hex.length !== length) {
    return `A ${algorithm} digest has exactly ${length} hex digits after "${algorithm}:"; this one has ${hex.length}.`;
  }
  if (/[A-F]/.test(hex)) return 'Write the digest in lowercase: the engine accepts only a-f, not A-F.';
  return null;
}

function checkDomain(domain: string): string | null {
  const portColon = domain.startsWith('[')
    ? domain.indexOf(':', domain.indexOf(']'))
    : domain.lastIndexOf(':');
  const host = portColon >= 0 ? domain.slice(0, portColon) : domain;
  const port = portColon >= 0 ? domain.slice(portColon + 1) : null;
  if (port !== null && !/^[0-9]+$/.test(port))
    return `The registry port "${clip(port)}" must be a number, as in localhost:5000.`;
  if (host.startsWith('[')) {
    return IPV6.test(host)
      ? null
      : `"${clip(host)}" is not an IPv6 registry address the engine accepts: only hex digits and ":" inside the brackets, as in [fd00::1]:5000.`;
  }
  if (host.includes(':')) return `Write an IPv6 registry address in brackets, as in [fd00::1]:5000.`;
  if (!host.split('.').every((part) => DOMAIN_COMPONENT.test(part))) {
    return `"${clip(host)}" is not a valid registry host name: use letters, digits and "-" between dots, as in registry.example.com.`;
  }
  return null;
}

function checkPathComponent(component: string): string | null {
  if (component === '') return 'The repository name has an empty part ("//" or a trailing "/").';
  if (component !== component.toLowerCase()) {
    return `Repository names must be lowercase: write "${clip(component.toLowerCase())}", not "${clip(component)}".`;
  }
  if (!PATH_COMPONENT.test(component)) {
    const bad = /[^a-z0-9._-]/u.exec(component);
    if (bad)
      return `${showCharacter(bad[0])} is not allowed in a repository name (use a-z, 0-9, ".", "_" and "-").`;
    return `"${clip(component)}" must start and end with a letter or digit, with single ".", "_" or "__" or dashes between.`;
  }
  return null;
}

function pathTooLong(path: string, written: string): string {
  // The engine counts Docker Hub's implied `library/` too, so `ubuntu` may have at most 247 characters.
  if (path !== written) {
    return `The name is ${written.length} characters long; on Docker Hub it becomes ${OFFICIAL}<name>, ${path.length} characters, and at most ${PATH_MAX} are allowed (${PATH_MAX - OFFICIAL.length} for the name itself).`;
  }
  return `The repository path is ${path.length} characters long; at most ${PATH_MAX} are allowed after the registry.`;
}

/** `"$"`, or `U+0000` for a character that would not show (control, format, lone surrogate, space). */
function showCharacter(character: string): string {
  if (!/^[\p{C}\p{Z}]$/u.test(character)) return `"${character}"`;
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Long input quoted back in a message stays readable (and never ends in half a surrogate pair). */
function clip(text: string): string {
  if (text.length <= 60) return text;
  const head = text.slice(0, 57);
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
}

function invalid(message: string): ReferenceParse {
  return { ok: false, message };
}
