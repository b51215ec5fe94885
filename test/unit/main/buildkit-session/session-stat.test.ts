/*
 * Go's os.FileMode for each st_mode type follows go/src/os/stat_linux.go fillFileStatFromSys and
 * io/fs/fs.go (ModeDir 1<<31 … ModeSticky 1<<20); the wire bytes follow the field numbers of
 * tonistiigi/fsutil types/stat.proto and types/wire.proto at 0834f99b7b85462efb69b4f571a4fa3ca7da5ac9.
 */
import type { BigIntStats } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canRequestData,
  fsutilStat,
  goFileMode,
  int64,
} from '../../../../src/main/buildkit-session/session-stat';
import { sessionType } from '../../../../src/main/buildkit-session/session-protos';

describe('goFileMode', () => {
  it.each([
    ['regular file 0644', 0o100644, 0o644],
    ['folder 0755', 0o040755, 0x80000000 | 0o755],
    ['symlink', 0o120777, 0x08000000 | 0o777],
    ['named pipe', 0o010600, 0x02000000 | 0o600],
    ['socket', 0o140755, 0x01000000 | 0o755],
    ['character device', 0o020666, 0x04000000 | 0x00200000 | 0o666],
    ['block device', 0o060660, 0x04000000 | 0o660],
    ['setuid file', 0o104755, 0x00800000 | 0o755],
    ['setgid folder', 0o042775, 0x80000000 | 0x00400000 | 0o775],
    ['sticky folder', 0o041777, 0x80000000 | 0x00100000 | 0o777],
  ])('maps a %s as Go does', (_name, stMode, expected) => {
    expect(goFileMode(stMode)).toBe(expected >>> 0);
  });

  it('lets the engine ask for the content of regular files only', () => {
    expect(canRequestData(goFileMode(0o100644))).toBe(true);
    expect(canRequestData(goFileMode(0o104755))).toBe(true);
    for (const mode of [0o040755, 0o120777, 0o010600, 0o020666, 0o060660]) {
      expect(canRequestData(goFileMode(mode))).toBe(false);
    }
  });
});

describe('int64', () => {
  it('splits nanosecond timestamps past 2^53 without losing bits', () => {
    const value = 1_796_034_955_123_456_789n;
    const bits = int64(value);
    expect((BigInt(bits.high >>> 0) << 32n) | BigInt(bits.low >>> 0)).toBe(value);
  });

  it('writes negatives as two’s complement', () => {
    expect(int64(-1n)).toMatchObject({ low: -1, high: -1 });
  });
});

function fakeStats(fields: Partial<Record<keyof BigIntStats, bigint>> & { mode: bigint }): BigIntStats {
  const base = { uid: 1000n, gid: 1000n, size: 0n, mtimeNs: 0n, rdev: 0n, ino: 1n, nlink: 1n };
  return { ...base, ...fields } as unknown as BigIntStats;
}

describe('fsutilStat', () => {
  it('records a folder with size 0 and the owner reset for the context', () => {
    const stat = fsutilStat('sub', fakeStats({ mode: 0o040750n, size: 4096n }), null, new Map(), 'root');
    expect(stat).toMatchObject({ path: 'sub', mode: (0x80000000 | 0o750) >>> 0, uid: 0, gid: 0 });
    expect(stat.size).toMatchObject({ low: 0, high: 0 });
  });

  it('records a symlink with its target and the link size', () => {
    const stat = fsutilStat('link', fakeStats({ mode: 0o120777n, size: 6n }), 'target', new Map(), 'keep');
    expect(stat).toMatchObject({ linkname: 'target', uid: 1000, size: { low: 6, high: 0 } });
  });

  it('turns the second path of a hard-linked inode into a link to the first, with size 0', () => {
    const inodes = new Map<bigint, string>();
    const first = fsutilStat(
      'a',
      fakeStats({ mode: 0o100644n, size: 5n, ino: 9n, nlink: 2n }),
      null,
      inodes,
      'root',
    );
    const second = fsutilStat(
      'b',
      fakeStats({ mode: 0o100644n, size: 5n, ino: 9n, nlink: 2n }),
      null,
      inodes,
      'root',
    );
    expect(first.linkname).toBe('');
    expect(second).toMatchObject({ linkname: 'a', size: { low: 0, high: 0 } });
  });

  it('splits a device number as Linux’s old encoding', () => {
    // makedev(8, 1) = 0x801; makedev(259, 65536) spreads minor bits above 20.
    const disk = fsutilStat('sda1', fakeStats({ mode: 0o060660n, rdev: 0x801n }), null, new Map(), 'root');
    expect(disk).toMatchObject({ devmajor: { low: 8 }, devminor: { low: 1 } });
    const rdev = (259n << 8n) | 0n | ((65536n & 0xfff00n) << 12n);
    const wide = fsutilStat('nvme', fakeStats({ mode: 0o020600n, rdev }), null, new Map(), 'root');
    expect(wide).toMatchObject({ devmajor: { low: 259 }, devminor: { low: 65536 } });
  });
});

describe('fsutil.types.Packet encoding', () => {
  const packet = sessionType('fsutil.types.Packet');
  const encode = (value: object): number[] => [...packet.encode(value).finish()];

  it('encodes REQ 5 as type (field 1) and ID (field 3) varints', () => {
    expect(encode({ type: 1, ID: 5 })).toEqual([0x08, 0x01, 0x18, 0x05]);
  });

  it('encodes the closing STAT as an empty message', () => {
    expect(encode({ type: 0 })).toEqual([]);
  });

  it('encodes DATA with its bytes in field 4', () => {
    expect(encode({ type: 2, ID: 1, data: Buffer.from('hi') })).toEqual([
      0x08, 0x02, 0x18, 0x01, 0x22, 0x02, 0x68, 0x69,
    ]);
  });

  it('encodes a Stat in field 2 with path 1, mode 2, uid 3, gid 4, size 5, modTime 6, linkname 7', () => {
    const stat = {
      path: 'a',
      mode: 0o644,
      uid: 1,
      gid: 2,
      size: int64(3n),
      modTime: int64(1_000_000_000n),
      linkname: 'b',
      devmajor: int64(0n),
      devminor: int64(0n),
    };
    const statBytes = [
      0x0a,
      0x01,
      0x61, // path "a"
      0x10,
      0xa4,
      0x03, // mode 420
      0x18,
      0x01, // uid
      0x20,
      0x02, // gid
      0x28,
      0x03, // size
      0x30,
      0x80,
      0x94,
      0xeb,
      0xdc,
      0x03, // modTime 1e9
      0x3a,
      0x01,
      0x62, // linkname "b"
    ];
    expect(encode({ type: 0, stat })).toEqual([0x12, statBytes.length, ...statBytes]);
  });

  it('decodes what it encodes, int64 included', () => {
    const bytes = packet
      .encode({ type: 0, stat: { path: 'x', modTime: int64(1_796_034_955_123_456_789n) } })
      .finish();
    const decoded = packet.toObject(packet.decode(bytes), { longs: String }) as { stat: { modTime: string } };
    expect(decoded.stat.modTime).toBe('1796034955123456789');
  });
});
