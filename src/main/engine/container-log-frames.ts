/**
 * A container's logs as the engine sends them when it has no TTY: frames of an 8-byte header
 * (stream, 3 zero bytes, big-endian length) and the bytes written. Read whole (follow: false).
 */

/** The text of every frame, in the order written (stdout and stderr alike); a cut-off frame keeps what arrived. */
export function containerLogText(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
