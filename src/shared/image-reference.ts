/**
 * Image references (`namespace/repo:tag`, `host:5000/team/app@sha256:…`) by the grammar of
 * distribution/reference, the one the engine and the docker CLI enforce, with messages that say
 * what is wrong and how to write it instead.
 */

/** A valid reference, with the parts the UI shows and the full name it resolves to. */
export interface ImageReference {
  /** Registry host, `docker.io` when none is written. */
  domain: string;
  /** Repository path without the domain, with `library/` for Docker Hub's official images. */
  path: string;
  /** The tag; `latest` when neither tag nor digest is written. */
  tag: string | null;
  digest: string | null;
  /** `docker.io/library/app:latest` — what the engine will use. */
  canonical: string;
  /** The name as written, plus `:latest` when nothing followed it. */
  familiar: string;
  dockerHub: boolean;
  /** Docker Hub account or organisation (`me` in `me/app`), `library` for official images; null elsewhere. */
  hubNamespace: string | null;
}

export type ReferenceParse = { ok: true; reference: ImageReference } | { ok: false; message: string };

const DOCKER_HUB = 'docker.io';
const NAME_MAX = 255;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Parses and validates a reference; never throws. */
export function parseImageReference(input: string): ReferenceParse {
  const text = input.trim();
  if (text === '') return invalid('Enter an image name, e.g. myname/myapp:1.0');
  if (/\s/.test(text)) return invalid('An image name cannot contain spaces.');

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      return invalid(`"${digest}" is not a digest: write it as sha256: followed by 64 hex digits.`);
    }
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
          : `The tag "${tag}" is not valid: use letters, digits, "_", "." and "-", not starting with "." or "-".`,
      );
    }
  }

  if (rest === '') return invalid('The repository name is missing before the tag.');
  if (rest.length > NAME_MAX)
    return invalid(`The repository name is ${rest.length} characters long; at most ${NAME_MAX} are allowed.`);

  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasDomain =
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const domain = hasDomain ? first : DOCKER_HUB;
  const remote = hasDomain ? rest.slice(slash + 1) : rest;

  if (hasDomain) {
    const problem = checkDomain(domain);
    if (problem) return invalid(problem);
  }
  if (remote === '') return invalid(`Write a repository after "${domain}/".`);
  for (const component of remote.split('/')) {
    const problem = checkPathComponent(component);
    if (problem) return invalid(problem);
  }

  const dockerHub = domain === DOCKER_HUB || domain === 'index.docker.io';
  const path = dockerHub && !remote.includes('/') ? `library/${remote}` : remote;
  const effectiveTag = tag ?? (digest ? null : 'latest');
  const suffix = `${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    ok: true,
    reference: {
      domain: dockerHub ? DOCKER_HUB : domain,
      path,
      tag: effectiveTag,
      digest,
      canonical: `${dockerHub ? DOCKER_HUB : domain}/${path}${suffix}`,
      familiar: `${rest}${suffix}`,
      dockerHub,
      hubNamespace: dockerHub ? path.split('/')[0]! : null,
    },
  };
}

function checkDomain(domain: string): string | null {
  const portColon = domain.startsWith('[')
    ? domain.indexOf(':', domain.indexOf(']'))
    : domain.lastIndexOf(':');
  const host = portColon >= 0 ? domain.slice(0, portColon) : domain;
  const port = portColon >= 0 ? domain.slice(portColon + 1) : null;
  if (port !== null && !/^[0-9]+$/.test(port))
    return `The registry port "${port}" must be a number, as in localhost:5000.`;
  if (IPV6.test(host)) return null;
  if (!host.split('.').every((part) => DOMAIN_COMPONENT.test(part))) {
    return `"${host}" is not a valid registry host name.`;
  }
  return null;
}

function checkPathComponent(component: string): string | null {
  if (component === '') return 'The repository name has an empty part ("//" or a trailing "/").';
  if (component !== component.toLowerCase()) {
    return `Repository names must be lowercase: write "${component.toLowerCase()}", not "${component}".`;
  }
  if (!PATH_COMPONENT.test(component)) {
    const bad = /[^a-z0-9._-]/.exec(component);
    if (bad) return `"${bad[0]}" is not allowed in a repository name (use a-z, 0-9, ".", "_" and "-").`;
    return `"${component}" must start and end with a letter or digit, with single ".", "_" or "__" or dashes between.`;
  }
  return null;
}

function invalid(message: string): ReferenceParse {
  return { ok: false, message };
}
