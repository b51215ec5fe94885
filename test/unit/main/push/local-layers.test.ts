import { describe, expect, it } from 'vitest';
import { emptyLayersFromInstructions } from '../../../../src/main/push/local-layers';

const base = { size: 1_982_256, createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' };
const cmd = { size: 0, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' };

describe('emptyLayersFromInstructions', () => {
  it('settles by sizes alone when every layer has bytes', () => {
    expect(
      emptyLayersFromInstructions([base, cmd, { size: 5, createdBy: '/bin/sh -c echo hi > /x' }], 2),
    ).toEqual([false, true, false]);
  });

  it('places a 0-byte classic WORKDIR layer by its instruction, not the ENV beside it', () => {
    expect(
      emptyLayersFromInstructions(
        [
          base,
          cmd,
          { size: 0, createdBy: '/bin/sh -c #(nop)  ENV A=1' },
          { size: 0, createdBy: '/bin/sh -c #(nop) WORKDIR /app' },
          { size: 10, createdBy: '/bin/sh -c #(nop) COPY file:def in /app ' },
        ],
        3,
      ),
    ).toEqual([false, true, true, false, false]);
  });

  it('places a 0-byte BuildKit WORKDIR layer and leaves EXPOSE and LABEL empty', () => {
    expect(
      emptyLayersFromInstructions(
        [
          base,
          cmd,
          { size: 0, createdBy: 'WORKDIR /app' },
          { size: 0, createdBy: 'EXPOSE map[80/tcp:{}]' },
          { size: 0, createdBy: 'LABEL a=b' },
          { size: 7, createdBy: 'RUN /bin/sh -c echo > /app/x # buildkit' },
        ],
        3,
      ),
    ).toEqual([false, true, false, true, true, false]);
  });

  it('gives up when more entries could have made a layer than there are layers', () => {
    // A classic RUN that changed nothing made no layer; a WORKDIR made a 0-byte one: which is which is unknown.
    expect(
      emptyLayersFromInstructions(
        [
          base,
          { size: 0, createdBy: '/bin/sh -c true' },
          { size: 0, createdBy: '/bin/sh -c #(nop) WORKDIR /app' },
        ],
        2,
      ),
    ).toBeNull();
  });
});
