/**
 * Package URLs. The build table is purl-spec's own for the four types Dockwright writes
 * (package-url/purl-spec tests/types/{deb,apk,npm,pypi}-test.json at
 * 16f3d0e39343d47d1ac3d559b7e110f25eac1513: every `build` case, duplicates dropped), plus its
 * `validate` case that canonicalises a pypi name (`Django_package` → `django-package`).
 */
import { describe, expect, it } from 'vitest';
import type { ImagePackage } from '../../../../src/shared/packages/list-image-packages';
import {
  buildPackageUrl,
  packageUrl,
  type PackageUrlParts,
} from '../../../../src/shared/packages/package-url';

const BUILD: Array<[PackageUrlParts, string]> = [
  [
    {
      type: 'deb',
      namespace: 'debian',
      name: 'curl',
      version: '7.50.3-1',
      qualifiers: { arch: 'i386', distro: 'jessie' },
    },
    'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
  ],
  [
    {
      type: 'deb',
      namespace: 'debian',
      name: 'dpkg',
      version: '1.19.0.4',
      qualifiers: { arch: 'amd64', distro: 'stretch' },
    },
    'pkg:deb/debian/dpkg@1.19.0.4?arch=amd64&distro=stretch',
  ],
  [
    { type: 'deb', namespace: 'ubuntu', name: 'dpkg', version: '1.19.0.4', qualifiers: { arch: 'amd64' } },
    'pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64',
  ],
  [
    { type: 'deb', namespace: 'debian', name: 'attr', version: '1:2.4.47-2', qualifiers: { arch: 'source' } },
    'pkg:deb/debian/attr@1:2.4.47-2?arch=source',
  ],
  [
    {
      type: 'deb',
      namespace: 'debian',
      name: 'attr',
      version: '1:2.4.47-2+b1',
      qualifiers: { arch: 'amd64' },
    },
    'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
  ],
  [
    { type: 'apk', namespace: 'alpine', name: 'curl', version: '7.83.0-r0', qualifiers: { arch: 'x86' } },
    'pkg:apk/alpine/curl@7.83.0-r0?arch=x86',
  ],
  [
    { type: 'apk', namespace: 'alpine', name: 'apk', version: '2.12.9-r3', qualifiers: { arch: 'x86' } },
    'pkg:apk/alpine/apk@2.12.9-r3?arch=x86',
  ],
  [
    { type: 'npm', namespace: '@angular', name: 'animation', version: '12.3.1', qualifiers: null },
    'pkg:npm/%40angular/animation@12.3.1',
  ],
  [
    { type: 'npm', namespace: null, name: 'foobar', version: '12.3.1', qualifiers: null },
    'pkg:npm/foobar@12.3.1',
  ],
  [
    {
      type: 'npm',
      namespace: null,
      name: 'mypackage',
      version: '12.4.5',
      qualifiers: { vcs_url: 'git://host.com/path/to/repo.git@4345abcd34343' },
    },
    'pkg:npm/mypackage@12.4.5?vcs_url=git:%2F%2Fhost.com%2Fpath%2Fto%2Frepo.git%404345abcd34343',
  ],
  [
    { type: 'pypi', namespace: null, name: 'django-package', version: '1.11.1.dev1', qualifiers: null },
    'pkg:pypi/django-package@1.11.1.dev1',
  ],
  [
    { type: 'pypi', namespace: null, name: 'django', version: '1.11.1', qualifiers: null },
    'pkg:pypi/django@1.11.1',
  ],
  [
    {
      type: 'pypi',
      namespace: null,
      name: 'django',
      version: '1.11.1',
      qualifiers: { file_name: 'Django-1.11.1.tar.gz' },
    },
    'pkg:pypi/django@1.11.1?file_name=Django-1.11.1.tar.gz',
  ],
  [
    {
      type: 'pypi',
      namespace: null,
      name: 'django',
      version: '1.11.1',
      qualifiers: { file_name: 'Django-1.11.1-py2.py3-none-any.whl' },
    },
    'pkg:pypi/django@1.11.1?file_name=Django-1.11.1-py2.py3-none-any.whl',
  ],
  [
    { type: 'pypi', namespace: null, name: 'django-allauth', version: '12.23', qualifiers: null },
    'pkg:pypi/django-allauth@12.23',
  ],
  [
    { type: 'PYPI', namespace: null, name: 'Django_package', version: '1.11.1.dev1', qualifiers: null },
    'pkg:pypi/django-package@1.11.1.dev1',
  ],
];

describe('buildPackageUrl', () => {
  it.each(BUILD)('builds %j as %s', (parts, expected) => {
    expect(buildPackageUrl(parts)).toBe(expected);
  });

  it('sorts qualifiers by key and leaves empty ones out', () => {
    expect(
      buildPackageUrl({
        type: 'deb',
        namespace: 'debian',
        name: 'a',
        version: '1',
        qualifiers: { distro: 'debian-12', arch: 'amd64', upstream: '' },
      }),
    ).toBe('pkg:deb/debian/a@1?arch=amd64&distro=debian-12');
  });
});

const pkg = (
  kind: ImagePackage['kind'],
  name: string,
  version: string,
  arch: string | null = null,
): ImagePackage => ({
  kind,
  name,
  version,
  arch,
  sizeBytes: null,
  source: null,
  license: null,
  path: '',
  place: {
    layerIndex: 0,
    historyIndex: null,
    line: null,
    lineText: null,
    instruction: '',
    fromBaseImage: true,
  },
});

describe('packageUrl', () => {
  it.each([
    [
      pkg('deb', 'libgcc-s1', '12.2.0-14+deb12u1', 'amd64'),
      { id: 'debian', versionId: '12' },
      'pkg:deb/debian/libgcc-s1@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12',
    ],
    [
      pkg('deb', 'bash', '5.1-6ubuntu1', 'amd64'),
      { id: 'ubuntu', versionId: '22.04' },
      'pkg:deb/ubuntu/bash@5.1-6ubuntu1?arch=amd64&distro=ubuntu-22.04',
    ],
    [
      pkg('deb', 'tzdata', '2024a-0+deb12u1', 'all'),
      null,
      'pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all',
    ],
    [
      pkg('apk', 'musl', '1.2.4-r2', 'x86_64'),
      { id: 'alpine', versionId: '3.19.1' },
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1',
    ],
    [pkg('python', 'Flask', '2.2.2'), null, 'pkg:pypi/flask@2.2.2'],
    [pkg('python', 'typing_extensions', '4.4.0'), null, 'pkg:pypi/typing-extensions@4.4.0'],
    [pkg('npm', '@babel/core', '7.24.0'), null, 'pkg:npm/%40babel/core@7.24.0'],
    [pkg('npm', 'ms', '2.1.3'), null, 'pkg:npm/ms@2.1.3'],
  ] as const)('%j in %j is %s', (entry, distribution, expected) => {
    expect(packageUrl(entry, distribution)).toBe(expected);
  });
});
