import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../../../src/main/engine/read-json-lines';

async function read(chunks: Buffer[]): Promise<unknown[]> {
  const stream = new PassThrough();
  const messages: unknown[] = [];
  const done = readJsonLines(stream, (message) => messages.push(message));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await done;
  return messages;
}

describe('readJsonLines', () => {
  it('keeps a character whose bytes are split between two chunks whole', async () => {
    const bytes = Buffer.from('{"stream":"café\\n"}\n{"stream":"日本"}\n', 'utf8');
    // Cut inside "é" (c3 a9) and inside "日" (e6 97 a5).
    const e = bytes.indexOf(0xc3) + 1;
    const ri = bytes.indexOf(0xe6) + 2;
    const messages = await read([bytes.subarray(0, e), bytes.subarray(e, ri), bytes.subarray(ri)]);
    expect(messages).toEqual([{ stream: 'café\n' }, { stream: '日本' }]);
  });

  it('reads a last line without a newline, and passes plain text on as a stream line', async () => {
    const messages = await read([Buffer.from('not json\n{"aux":1}')]);
    expect(messages).toEqual([{ stream: 'not json\n' }, { aux: 1 }]);
  });
});
