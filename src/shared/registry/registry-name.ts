/**
 * Names of registries the way the docker CLI keys credentials: Docker Hub under its v1 index URL,
 * every other registry under `host[:port]`.
 */
import { parseImageReference, type ImageReference } from '../image-reference';

/** The key the docker CLI stores Docker Hub credentials under (`registry.IndexServer`). */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/** Host names that mean Docker Hub when a user types them as a registry. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** A registry as credentials are keyed and as the UI names it. */
export interface RegistryName {
  /** The credential key: `https://index.docker.io/v1/` or `host[:port]`. */
  key: string;
  /** `Docker Hub` or `host[:port]`. */
  displayName: string;
  dockerHub: boolean;
}

/**
 * `host[:port]` of a registry address written with or without a scheme and path.
 *
 * Same result as the CLI's `credentials.ConvertToHostname`, which is also how it matches legacy
 * `auths` keys such as `https://registry.example.com/v1/` when reading config.json.
 */
export function convertToHostname(address: string): string {
  const scheme = address.indexOf('://');
  if (scheme >= 0) {
    const authority = /^[^/?#]*/.exec(address.slice(scheme + 3))![0];
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    const parsed = splitHostPort(hostPort);
    // Go's url.Parse rejects a non-numeric port; the CLI then falls through to the plain cut below.
    if (parsed && parsed.host !== '') {
      if (parsed.port === '') return parsed.host;
      return parsed.host.includes(':') ? `[${parsed.host}]:${parsed.port}` : `${parsed.host}:${parsed.port}`;
    }
  }
  return address.split('/')[0]!;
}

function splitHostPort(hostPort: string): { host: string; port: string } | null {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !host.slice(colon).includes(']')) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
    if (!/^[0-9]*$/.test(port)) return null;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port };
}

/**
 * The credential key for a registry address as a user types it (`docker.io`, `localhost:5000`,
 * `https://ghcr.io/`); empty means Docker Hub, as for `docker login`.
 *
 * Unlike the CLI, `index.docker.io` and `registry-1.docker.io` also mean Docker Hub here: the CLI
 * would store those under a key its own pulls never read.
 */
export function credentialKey(address: string): string {
  const trimmed = address.trim();
  if (trimmed === '' || trimmed === DOCKER_HUB_KEY) return DOCKER_HUB_KEY;
  const hostname = convertToHostname(trimmed);
  return DOCKER_HUB_HOSTS.has(hostname.toLowerCase()) ? DOCKER_HUB_KEY : hostname;
}

/** A registry address (as typed, or a credential key) with its key and display name. */
export function registryName(address: string): RegistryName {
  const key = credentialKey(address);
  const dockerHub = key === DOCKER_HUB_KEY;
  return { key, displayName: dockerHub ? 'Docker Hub' : key, dockerHub };
}

/** What parsing an image reference for its registry found. */
export type RegistryOfImage = { ok: true; registry: RegistryName } | { ok: false; message: string };

/** The registry an image reference pushes to and pulls from (`me/app` → Docker Hub). */
export function registryOfImage(reference: string): RegistryOfImage {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    registry: registryName(parsed.reference.dockerHub ? DOCKER_HUB_KEY : parsed.reference.domain),
  };
}

/**
 * Why a registry address cannot be used, or null when it can: a host with an optional port, as
 * image references accept it.
 */
export function registryAddressProblem(address: string): string | null {
  const key = credentialKey(address);
  if (key === DOCKER_HUB_KEY) return null;
  if (key === '') return 'Enter the registry address, e.g. registry.example.com or localhost:5000.';
  const parsed = parseImageReference(`${key}/x`);
  if (!parsed.ok) return parsed.message;
  if (parsed.reference.domain !== key) {
    return `"${key}" is not a registry address: write a host name with a dot or a port, e.g. ${key}.example.com or localhost:5000.`;
  }
  return null;
}

/** True for Docker Hub's official images (`ubuntu`, `library/ubuntu`): only Docker can push those. */
export function isOfficialImage(reference: ImageReference): boolean {
  return reference.dockerHub && reference.hubNamespace === 'library';
}

/** Why `written` (parsed as `reference`) cannot be pushed because it names an official image; null otherwise. */
export function officialImagePushProblem(written: string, reference: ImageReference): string | null {
  if (!isOfficialImage(reference)) return null;
  return `"${written}" names an official Docker Hub image; push to your own namespace, e.g. yourname/${reference.path.replace('library/', '')}.`;
}
