/**
 * What a base image is built on, guessed from its name: which package manager and which
 * user-creation commands exist inside it. Names are all we have without pulling the image.
 */

/**
 * The userland of an image.
 *
 * `debian` covers Debian and Ubuntu (apt, `useradd`, bash), `alpine` has apk and busybox `adduser`,
 * `busybox` has a shell and little else, `distroless` and `scratch` have no shell at all.
 */
export type ImageFamily = 'debian' | 'alpine' | 'busybox' | 'distroless' | 'scratch' | 'unknown';

/** An image reference split into the parts the rules look at. */
export interface ImageName {
  /** Repository path without the registry host: `python`, `nginxinc/nginx-unprivileged`. */
  path: string;
  /** Last path component: `python`, `nginx-unprivileged`. */
  name: string;
  /** The tag as written, or null. */
  tag: string | null;
  /** The digest as written, or null. */
  digest: string | null;
}

// Official images whose default tags are built on Debian or Ubuntu (their -alpine tags are caught first).
const DEBIAN_BASED = new Set([
  'debian',
  'ubuntu',
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'perl',
  'rust',
  'openjdk',
  'eclipse-temurin',
  'maven',
  'gradle',
  'buildpack-deps',
  'postgres',
  'redis',
  'nginx',
  'httpd',
  'mariadb',
  'mongo',
  'rabbitmq',
  'composer',
]);

// Official server images whose entrypoint or master process drops root by itself (gosu, su-exec,
// nginx/httpd workers), so they are meant to start as root.
const SERVICE_IMAGES = new Set([
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'redis',
  'valkey',
  'rabbitmq',
  'memcached',
  'nginx',
  'httpd',
  'haproxy',
  'wordpress',
  'elasticsearch',
  'cassandra',
  'couchdb',
  'influxdb',
]);

/** Splits `registry:5000/team/app:1.0@sha256:…`; `scratch` and stage names come back as a bare name. */
export function parseImageName(image: string): ImageName {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  const path = parts.join('/').toLowerCase();
  return { path, name: parts.at(-1)?.toLowerCase() ?? '', tag, digest };
}

/** Guesses the family of an image from its name and tag; `unknown` when the name says nothing. */
export function imageFamily(image: string): ImageFamily {
  const { path, name, tag } = parseImageName(image);
  const lowerTag = tag?.toLowerCase() ?? '';
  if (path === 'scratch') return 'scratch';
  if (path.includes('distroless')) return 'distroless';
  if (name === 'busybox') return 'busybox';
  if (name === 'alpine' || lowerTag.includes('alpine')) return 'alpine';
  if (/(^|-)(debian|bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)(-|$)/.test(lowerTag))
    return 'debian';
  if (DEBIAN_BASED.has(name) && !path.includes('/')) return 'debian';
  if (name === 'nginx-unprivileged') return 'debian';
  return 'unknown';
}

/** Whether the image is an official server image that is designed to start as root and drop it itself. */
export function isServiceImage(image: string): boolean {
  const { path, name, tag } = parseImageName(image);
  if (path.includes('/')) return false;
  if (name === 'php') return /apache|fpm/.test(tag ?? '');
  return SERVICE_IMAGES.has(name);
}

/** Whether the image's name promises a non-root default user (`…:nonroot`, `nginx-unprivileged`, rootless). */
export function setsNonRootUser(image: string): boolean {
  const { name, tag } = parseImageName(image);
  return /nonroot/.test(tag ?? '') || /unprivileged|rootless/.test(name);
}
