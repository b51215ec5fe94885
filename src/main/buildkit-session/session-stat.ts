/*
 * fsutil's Stat for a path, as its sender builds it (tonistiigi/fsutil stat.go + stat_unix.go,
 * 0834f99b7b85462efb69b4f571a4fa3ca7da5ac9 and 6d9dc2ebad626eb645fb587f14225b3aa96ec010): Go's
 * os.FileMode bits, owner, size (0 for folders), mtime in nanoseconds, link target or first
 * path of a hard-linked inode, device numbers in Linux's old encoding.
 */
import type { BigIntStats } from 'node:fs';

/** Go os.FileMode bits (io/fs/fs.go). */
export const GoMode = {
  dir: 0x80000000,
  symlink: 0x08000000,
  device: 0x04000000,
  namedPipe: 0x02000000,
  socket: 0x01000000,
  setuid: 0x00800000,
  setgid: 0x00400000,
  charDevice: 0x00200000,
  sticky: 0x00100000,
  /** Every type bit (os.ModeType). */
  type: 0x8f280000,
} as const;

const S_IFMT = 0o170000;

/** Go's os.FileMode of a POSIX st_mode, as os.Lstat computes it on Linux (as a uint32). */
export function goFileMode(stMode: number): number {
  let mode = stMode & 0o777;
  switch (stMode & S_IFMT) {
    case 0o040000:
      mode |= GoMode.dir;
      break;
    case 0o120000:
      mode |= GoMode.symlink;
      break;
    case 0o010000:
      mode |= GoMode.namedPipe;
      break;
    case 0o140000:
      mode |= GoMode.socket;
      break;
    case 0o020000:
      mode |= GoMode.device | GoMode.charDevice;
      break;
    case 0o060000:
      mode |= GoMode.device;
      break;
  }
  if (stMode & 0o4000) mode |= GoMode.setuid;
  if (stMode & 0o2000) mode |= GoMode.setgid;
  if (stMode & 0o1000) mode |= GoMode.sticky;
  return mode >>> 0;
}

/** Whether the receiver may ask for this entry's content (fsutil fileCanRequestData). */
export function canRequestData(goMode: number): boolean {
  return (goMode & GoMode.type) >>> 0 === 0;
}

/** An int64 as protobufjs writes it without the `long` package. */
export interface Int64Bits {
  low: number;
  high: number;
  unsigned: boolean;
}

/** Splits a bigint into protobufjs's low/high form (two's complement for negatives). */
export function int64(value: bigint): Int64Bits {
  const bits = BigInt.asUintN(64, value);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned: false };
}

/** The Stat fields, ready for protobufjs (`fsutil.types.Stat`). */
export interface FsutilStat {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  size: Int64Bits;
  modTime: Int64Bits;
  linkname: string;
  devmajor: Int64Bits;
  devminor: Int64Bits;
}

/** Remembers the first path of each multiply-linked inode, for hard links within one transfer. */
export type InodePaths = Map<bigint, string>;

/**
 * The Stat of one walked entry. `linkTarget` is readlink's answer for symlinks. xattrs are left
 * out: Node cannot read them (fsutil sends them; security.capability is the one that matters in
 * images, and contexts rarely carry it).
 */
export function fsutilStat(
  relPath: string,
  stats: BigIntStats,
  linkTarget: string | null,
  inodes: InodePaths,
  owner: 'keep' | 'root',
): FsutilStat {
  const mode = goFileMode(Number(stats.mode));
  const isDir = (mode & GoMode.dir) !== 0;
  let size = isDir ? 0n : stats.size;
  let linkname = linkTarget ?? '';
  let devmajor = 0n;
  let devminor = 0n;
  if (!isDir) {
    const rdev = stats.rdev;
    devmajor = (rdev >> 8n) & 0xfffn;
    devminor = (rdev & 0xffn) | ((rdev >> 12n) & 0xfff00n);
    if (stats.nlink > 1n) {
      const first = inodes.get(stats.ino);
      if (first !== undefined) {
        linkname = first;
        size = 0n;
      } else inodes.set(stats.ino, relPath);
    }
  }
  return {
    path: relPath,
    mode,
    uid: owner === 'root' ? 0 : Number(stats.uid),
    gid: owner === 'root' ? 0 : Number(stats.gid),
    size: int64(size),
    modTime: int64(stats.mtimeNs),
    linkname,
    devmajor: int64(devmajor),
    devminor: int64(devminor),
  };
}
