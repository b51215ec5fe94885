/**
 * Package URLs (purl, https://github.com/package-url/purl-spec) for the SBOM exports: the one
 * identifier both SPDX and CycloneDX consumers (scanners, dependency tracks) match packages by.
 */
import type { Distribution, ImagePackage } from './list-image-packages';
import { normalizePythonName } from './parse-python-metadata';

/** The parts of a purl before encoding. */
export interface PackageUrlParts {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string> | null;
}

/**
 * The canonical purl string: type lower case, each part percent-encoded except the characters the
 * spec leaves bare (letters, digits, `.-_~` and `:`), qualifiers sorted by key, empty ones left out.
 */
export function buildPackageUrl(parts: PackageUrlParts): string {
  const type = parts.type.toLowerCase();
  const name = type === 'pypi' ? normalizePythonName(parts.name) : parts.name;
  const path = [...(parts.namespace ? parts.namespace.split('/') : []), name].map(encodePart).join('/');
  const version = parts.version ? `@${encodePart(parts.version)}` : '';
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter(([, value]) => value !== '')
    .map(([key, value]) => [key.toLowerCase(), value] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${encodePart(value)}`)
    .join('&');
  return `pkg:${type}/${path}${version}${qualifiers ? `?${qualifiers}` : ''}`;
}

function encodePart(text: string): string {
  return encodeURIComponent(text)
    .replace(/%3A/gi, ':')
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The purl of an image's package: `pkg:deb/debian/…?arch=…&distro=debian-12`, `pkg:apk/alpine/…`,
 * `pkg:pypi/…`, `pkg:npm/%40scope/…`. The OS packages' namespace is the image's distribution
 * (os-release ID), or debian / alpine when the image does not say.
 */
export function packageUrl(entry: ImagePackage, distribution: Distribution | null): string {
  const distro = distribution
    ? `${distribution.id}${distribution.versionId ? `-${distribution.versionId}` : ''}`
    : '';
  switch (entry.kind) {
    case 'deb':
    case 'apk':
      return buildPackageUrl({
        type: entry.kind,
        namespace: distribution?.id ?? (entry.kind === 'deb' ? 'debian' : 'alpine'),
        name: entry.name,
        version: entry.version,
        qualifiers: { arch: entry.arch ?? '', distro },
      });
    case 'python':
      return buildPackageUrl({
        type: 'pypi',
        namespace: null,
        name: entry.name,
        version: entry.version,
        qualifiers: null,
      });
    case 'npm': {
      const slash = entry.name.startsWith('@') ? entry.name.indexOf('/') : -1;
      return buildPackageUrl({
        type: 'npm',
        namespace: slash > 0 ? entry.name.slice(0, slash) : null,
        name: slash > 0 ? entry.name.slice(slash + 1) : entry.name,
        version: entry.version,
        qualifiers: null,
      });
    }
  }
}
