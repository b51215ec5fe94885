/**
 * The pure parts of a terminal tab: decoding output, batching acknowledgements, and cutting a
 * large paste into messages main accepts.
 */
import { TERMINAL_INPUT_MAX_BYTES } from '@shared/terminal-limits';

/** The raw bytes of an output event (base64 on the wire). */
export function decodeOutput(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/**
 * Gathers drawn byte counts and acknowledges them in one message once `every` bytes are drawn,
 * or when the output stops arriving (`flush`): one request per chunk would double the traffic.
 */
export function createAckBatcher(send: (bytes: number) => void, every = 32 * 1024) {
  let pending = 0;
  return {
    add(bytes: number): void {
      pending += bytes;
      if (pending >= every) this.flush();
    },
    flush(): void {
      if (pending === 0) return;
      const bytes = pending;
      pending = 0;
      send(bytes);
    },
  };
}

/**
 * Cuts text into pieces under the input limit, never inside a surrogate pair (each UTF-16 unit
 * is at most 3 UTF-8 bytes, so a piece of limit/3 units always fits).
 */
export function inputPieces(data: string, maxBytes = TERMINAL_INPUT_MAX_BYTES): string[] {
  const units = Math.floor(maxBytes / 3);
  if (data.length <= units) return [data];
  const pieces: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + units, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(data.slice(start, end));
    start = end;
  }
  return pieces;
}
