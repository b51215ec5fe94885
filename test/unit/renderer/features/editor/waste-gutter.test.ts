import { describe, expect, it } from 'vitest';
import { currentLine, lineWaste } from '../../../../../src/renderer/features/editor/waste-gutter';
import type { WasteFinding, WasteReport } from '../../../../../src/shared/layers/waste-report';

const BUILT = 'FROM busybox\nRUN head -c 5000000 /dev/urandom > /tmp/a.tar\nRUN rm -f /tmp/a.tar\n';

function place(line: number | null, lineText: string | null, fromBaseImage = false): WasteFinding['writer'] {
  return {
    layerIndex: line ?? 0,
    historyIndex: line,
    line,
    lineText,
    instruction: lineText ?? '',
    fromBaseImage,
  };
}

function report(findings: WasteFinding[]): WasteReport {
  return { imageId: 'sha256:x', totalWastedBytes: 0, ownWastedBytes: 0, findings, headline: null };
}

const archive: WasteFinding = {
  bytes: 5_000_000,
  how: 'deleted',
  kinds: ['deleted-later'],
  writer: place(2, 'RUN head -c 5000000 /dev/urandom > /tmp/a.tar'),
  remover: place(3, 'RUN rm -f /tmp/a.tar'),
  paths: ['/tmp/a.tar'],
};

describe('lineWaste', () => {
  it('marks the writer and the remover line with the bytes and the other line', () => {
    expect(lineWaste(report([archive]), currentLine(BUILT))).toEqual([
      {
        line: 2,
        bytes: 5_000_000,
        title:
          "Wasted 5MB: files written here are deleted by line 3, but stay stored in this line's layer (/tmp/a.tar).",
      },
      {
        line: 3,
        bytes: 5_000_000,
        title:
          'Wasted 5MB: this line deletes files written by line 2, too late: they stay stored in that layer.',
      },
    ]);
  });

  it('follows a line that moved since the build, and drops one that was edited', () => {
    const now =
      'FROM busybox\nLABEL a=b\nRUN head -c 5000000 /dev/urandom > /tmp/a.tar && true\nRUN rm -f /tmp/a.tar\n';
    expect(lineWaste(report([archive]), currentLine(now)).map((mark) => mark.line)).toEqual([4]);
  });

  it('puts two findings on one line into one mark, and none on the base image', () => {
    const other: WasteFinding = {
      ...archive,
      bytes: 1_000_000,
      writer: place(null, null, true),
      paths: ['/etc/big'],
    };
    const marks = lineWaste(report([archive, other]), currentLine(BUILT));
    expect(marks.map((mark) => [mark.line, mark.bytes])).toEqual([
      [2, 5_000_000],
      [3, 6_000_000],
    ]);
    expect(marks[1]!.title.split('\n')[1]).toBe(
      'Wasted 1MB: this line deletes files of the base image, which stay stored there.',
    );
  });
});
