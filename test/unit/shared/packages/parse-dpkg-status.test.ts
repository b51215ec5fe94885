/**
 * dpkg status parsing. `fixtures/dpkg-status-bookworm.txt` is four stanzas of the real
 * /var/lib/dpkg/status of the Debian bookworm stand-in image (debootstrap, test/support/stand-in-images.ts).
 * The status.d cases port syft's table (anchore/syft syft/pkg/cataloger/debian/parse_dpkg_db_test.go
 * at 3639c204715ca48003896ec0a2f8de7a5d576a32, fixtures test-fixtures/var/lib/dpkg/status.d/multiple at
 * 4a18895545fbf7559054f445b7ad0aaf6a16776e and installed-size-4KB at 7a6ea44fe969349c59929200eb322767d4b0aa30).
 * Deliberate differences from syft: a stanza without Version is not a package (syft keeps
 * `no-version`); an Installed-Size that is not a whole number of KiB (`4KB`) is no size (syft
 * reads 4000): dpkg only ever writes KiB as an integer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseControlStanzas, parseDpkgStatus } from '../../../../src/shared/packages/parse-dpkg-status';

const bookworm = readFileSync(join(import.meta.dirname, 'fixtures/dpkg-status-bookworm.txt'), 'utf8');

const MULTIPLE = `Package:

Package: no-version

Package: tzdata
Status: install ok installed
Priority: required
Source: tzdata-dev
Section: localization
Installed-Size: 3036
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: all
Multi-Arch: foreign
Version: 2020a-0+deb10u1
Replaces: libc0.1, libc0.3, libc6, libc6.1
Provides: tzdata-buster
Depends: debconf (>= 0.5) | debconf-2.0
Description: time zone and daylight-saving time data
 This package contains data required for the implementation of
 standard local time for many representative locations around the
 globe.
Homepage: https://www.iana.org/time-zones

Package: util-linux
Essential: yes
Status: install ok installed
Priority: required
Section: utils
Installed-Size: 4327
Maintainer: LaMont Jones <lamont@debian.org>
Architecture: amd64
Multi-Arch: foreign
Version: 2.33.1-0.1
Conffiles:
 /etc/default/hwclock 3916544450533eca69131f894db0ca12
 /etc/pam.d/su-l 756fef5687fecc0d986e5951427b0c4f
Description: miscellaneous system utilities
 This package contains a number of important utilities.



`;

const APT_4KB = `Package: apt
Status: install ok installed
Priority: required
Section: admin
Installed-Size: 4KB
Architecture: amd64
Version: 1.8.2
Source: apt-dev
Conffiles:
Description: commandline package manager
`;

describe('parseDpkgStatus', () => {
  it('reads name, version, architecture, size in bytes and source from a real bookworm status', () => {
    expect(parseDpkgStatus(bookworm)).toEqual([
      {
        name: 'base-files',
        version: '12.4+deb12u15',
        arch: 'amd64',
        sizeBytes: 341 * 1024,
        source: null,
        license: null,
      },
      {
        name: 'bash',
        version: '5.2.15-2+b13',
        arch: 'amd64',
        sizeBytes: 7164 * 1024,
        source: null,
        license: null,
      },
      {
        name: 'libgcc-s1',
        version: '12.2.0-14+deb12u1',
        arch: 'amd64',
        sizeBytes: 140 * 1024,
        source: 'gcc-12',
        license: null,
      },
      {
        name: 'python3-flask',
        version: '2.2.2-3',
        arch: 'all',
        sizeBytes: 444 * 1024,
        source: 'flask',
        license: null,
      },
    ]);
  });

  it('keeps a Source that names the same package out (bash is built from bash, at another version)', () => {
    expect(parseDpkgStatus(bookworm).find((entry) => entry.name === 'bash')?.source).toBeNull();
  });

  it('lists only packages whose status is install ok installed', () => {
    const text = `Package: gone
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0
Conffiles:
 /etc/gone.conf 0123456789abcdef0123456789abcdef

Package: half
Status: install reinstreq half-installed
Architecture: amd64
Version: 2.0

Package: kept
Status: hold ok installed
Architecture: amd64
Version: 3.0

Package: here
Status: install ok installed
Architecture: amd64
Version: 4.0
`;
    expect(parseDpkgStatus(text).map((entry) => entry.name)).toEqual(['here']);
  });

  it('reads distroless status.d stanzas, which have no Status, and skips stanzas without a name or version', () => {
    expect(parseDpkgStatus(MULTIPLE, { requireStatus: false })).toEqual([
      {
        name: 'tzdata',
        version: '2020a-0+deb10u1',
        arch: 'all',
        sizeBytes: 3036 * 1024,
        source: 'tzdata-dev',
        license: null,
      },
      {
        name: 'util-linux',
        version: '2.33.1-0.1',
        arch: 'amd64',
        sizeBytes: 4327 * 1024,
        source: null,
        license: null,
      },
    ]);
    const withoutStatus =
      'Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nInstalled-Size: 6156\n';
    expect(parseDpkgStatus(withoutStatus, { requireStatus: false })).toHaveLength(1);
    expect(parseDpkgStatus(withoutStatus)).toEqual([]);
  });

  it('gives no size for an Installed-Size that is not a whole number of KiB', () => {
    expect(parseDpkgStatus(APT_4KB)).toEqual([
      { name: 'apt', version: '1.8.2', arch: 'amd64', sizeBytes: null, source: 'apt-dev', license: null },
    ]);
  });

  it('reads CRLF line ends and a last stanza without a trailing blank line', () => {
    const text =
      'Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\r\nStatus: install ok installed\r\nVersion: 2';
    expect(parseDpkgStatus(text).map((entry) => `${entry.name}=${entry.version}`)).toEqual(['a=1', 'b=2']);
  });
});

describe('parseControlStanzas', () => {
  it('joins continuation lines to their field and looks fields up in lower case', () => {
    const [stanza] = parseControlStanzas(bookworm);
    expect(stanza?.get('package')).toBe('base-files');
    expect(stanza?.get('conffiles')?.split('\n')).toHaveLength(7);
    expect(stanza?.get('description')?.split('\n')[0]).toBe('Debian base system miscellaneous files');
  });
});
