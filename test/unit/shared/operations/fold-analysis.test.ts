import { describe, expect, it } from 'vitest';
import { summarizeImageContents } from '../../../../src/shared/layers/image-contents';
import type { AnalysisEvent } from '../../../../src/shared/layers/layers-view';
import { analysisFold, initialAnalysisState } from '../../../../src/shared/operations/fold-analysis';

const contents = summarizeImageContents('sha256:a', 'docker-archive', [], []);

describe('analysisFold', () => {
  it.each<[AnalysisEvent, unknown]>([
    [
      { kind: 'progress', bytesRead: 5, totalBytes: 10 },
      { state: 'running', bytesRead: 5, totalBytes: 10 },
    ],
    [
      { kind: 'done', contents },
      { state: 'done', contents },
    ],
    [
      { kind: 'failed', message: 'No such image' },
      { state: 'failed', message: 'No such image' },
    ],
    [{ kind: 'cancelled' }, { state: 'cancelled' }],
  ])('opens at its first event, %j, since a cached analysis answers done at once', (event, expected) => {
    expect(analysisFold.start('a1', event, 0)).toEqual(expected);
  });

  it('follows progress to the end', () => {
    let state = analysisFold.apply(
      initialAnalysisState(),
      { kind: 'progress', bytesRead: 1, totalBytes: 4 },
      0,
    );
    state = analysisFold.apply(state, { kind: 'progress', bytesRead: 4, totalBytes: 4 }, 0);
    expect(state).toEqual({ state: 'running', bytesRead: 4, totalBytes: 4 });
    expect(analysisFold.apply(state, { kind: 'done', contents }, 0)).toEqual({ state: 'done', contents });
  });
});
