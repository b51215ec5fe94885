import { StringDecoder } from 'node:string_decoder';

/**
 * Reads the engine's newline-delimited JSON streams (build, push, pull) across chunk boundaries.
 *
 * A line that is not JSON (a proxy's or an old engine's plain text) is passed on as
 * `{ stream: line }` rather than dropped, so it still reaches the log.
 */
export function readJsonLines(
  stream: NodeJS.ReadableStream,
  onMessage: (message: unknown) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    // A character's bytes can arrive in two chunks: decoded chunk by chunk it would turn into two U+FFFD.
    const decoder = new StringDecoder('utf8');
    const flush = (line: string): void => {
      if (!line.trim()) return;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        message = { stream: `${line}\n` };
      }
      onMessage(message);
    };
    stream.on('data', (chunk: Buffer | string) => {
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const lines = buffered.split(/\r?\n/);
      buffered = lines.pop() ?? '';
      try {
        lines.forEach(flush);
      } catch (error) {
        reject(error);
      }
    });
    stream.on('end', () => {
      try {
        flush(buffered + decoder.end());
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    stream.on('error', reject);
  });
}
