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
      buffered += chunk.toString();
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
        flush(buffered);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    stream.on('error', reject);
  });
}
