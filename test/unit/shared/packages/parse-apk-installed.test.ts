/**
 * apk installed database parsing. The first stanza is syft's fixture
 * (anchore/syft syft/pkg/cataloger/alpine/test-fixtures/empty-deps-and-provides at
 * 7f97eac7791f49db1e3d5cd9032d48cb669f7638, expectations from parse_apk_db_test.go at
 * 3639c204715ca48003896ec0a2f8de7a5d576a32: name, version, arch, installed size 77824, origin
 * alpine-baselayout, licence GPL-2.0-only).
 */
import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from '../../../../src/shared/packages/parse-apk-installed';

const BASELAYOUT_DATA = `P:alpine-baselayout-data
V:3.4.0-r0
A:x86_64
L:GPL-2.0-only
T:Alpine base dir structure and init scripts
o:alpine-baselayout
m:Natanael Copa <ncopa@alpinelinux.org>
U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
D:
p:
c:bd965a7ebf7fd8f07d7a0cc0d7375bf3e4eb9b24
i:[]
t:1667573027
S:11664
I:77824
k:0
C:Q15ffjKT28lB7iSXjzpI/eDdYRCwM=
F:etc
R:fstab
R:group
a:0:0:0777
R:shadow
a:0:148:0640
R:shells
`;

const MUSL = `P:musl
V:1.2.4_git20230717-r4
A:x86_64
L:MIT
o:musl
I:626688
F:lib
R:ld-musl-x86_64.so.1
`;

describe('parseApkInstalled', () => {
  it('reads P, V, A, I (bytes), o and L of each stanza', () => {
    expect(parseApkInstalled(`${BASELAYOUT_DATA}\n${MUSL}\n`)).toEqual([
      {
        name: 'alpine-baselayout-data',
        version: '3.4.0-r0',
        arch: 'x86_64',
        sizeBytes: 77824,
        source: 'alpine-baselayout',
        license: 'GPL-2.0-only',
      },
      {
        name: 'musl',
        version: '1.2.4_git20230717-r4',
        arch: 'x86_64',
        sizeBytes: 626688,
        source: null,
        license: 'MIT',
      },
    ]);
  });

  it('reads a database without a trailing blank line and ignores stanzas without P or V', () => {
    expect(parseApkInstalled(`V:1.0\nA:x86_64\n\n${MUSL.trimEnd()}`).map((entry) => entry.name)).toEqual([
      'musl',
    ]);
  });

  it('gives no size when I is missing', () => {
    expect(parseApkInstalled('P:x\nV:1\n')[0]?.sizeBytes).toBeNull();
  });
});
