import { describe, expect, it } from 'vitest';
import { inDockerfileOrder, type BuildStep } from '../../../../src/shared/builds/build-model';

const step = (id: string, line: number | null): BuildStep => ({
  id,
  index: null,
  total: null,
  stage: null,
  instruction: id,
  line,
  status: 'done',
  startedAt: null,
  endedAt: null,
  internal: false,
  error: null,
});

describe('inDockerfileOrder', () => {
  it('puts a FROM that BuildKit reported late back on top, and unknown lines last in arrival order', () => {
    const arrived = [
      step('workdir', 2),
      step('copy', 3),
      step('x', null),
      step('run', 4),
      step('from', 1),
      step('y', null),
    ];
    expect(inDockerfileOrder(arrived).map((s) => s.id)).toEqual(['from', 'workdir', 'copy', 'run', 'x', 'y']);
    expect(arrived.map((s) => s.id)).toEqual(['workdir', 'copy', 'x', 'run', 'from', 'y']);
  });
});
