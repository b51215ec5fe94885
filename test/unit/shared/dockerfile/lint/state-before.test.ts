import { describe, expect, it } from 'vitest';
import {
  readDockerfileSource,
  type DockerfileSource,
  type SourceInstruction,
} from '../../../../../src/shared/dockerfile/lint/dockerfile-source';
import {
  declaredBefore,
  shellInForce,
  stateBefore,
  userBefore,
  type ChainFold,
} from '../../../../../src/shared/dockerfile/lint/state-before';

const FILE = [
  'ARG EARLY=1', // 1: before any FROM, in no stage
  'FROM debian AS base', // 2
  'ENV A=1', // 3
  'USER app', // 4
  'SHELL ["/bin/bash", "-c"]', // 5
  'RUN one', // 6
  'FROM base AS child', // 7
  'RUN two', // 8
  'ARG B', // 9
  'USER root', // 10
  'RUN three', // 11
  'FROM base AS sibling', // 12
  'RUN four', // 13
  'FROM debian', // 14
  'RUN five', // 15
  '',
].join('\n');

const at = (source: DockerfileSource, line: number): SourceInstruction =>
  source.instructions.find((instruction) => instruction.line === line)!;

describe('stateBefore', () => {
  const source = readDockerfileSource(FILE);

  it('carries SHELL and USER through the FROM chain, each sibling stage from its parent', () => {
    expect(shellInForce(source, at(source, 5))).toBeNull();
    expect(shellInForce(source, at(source, 6))).toEqual(['/bin/bash', '-c']);
    expect(shellInForce(source, at(source, 8))).toEqual(['/bin/bash', '-c']);
    expect(shellInForce(source, at(source, 15))).toBeNull();
    expect(userBefore(source, at(source, 8))?.line).toBe(4);
    expect(userBefore(source, at(source, 11))?.line).toBe(10);
    expect(userBefore(source, at(source, 13))?.line).toBe(4);
    expect(userBefore(source, at(source, 15))).toBeNull();
  });

  it('knows which variables ENV and ARG declared before an instruction, not after it or in other chains', () => {
    expect(declaredBefore(source, at(source, 3))('A')).toBe(false);
    expect(declaredBefore(source, at(source, 8))('A')).toBe(true);
    expect(declaredBefore(source, at(source, 8))('B')).toBe(false);
    expect(declaredBefore(source, at(source, 11))('B')).toBe(true);
    expect(declaredBefore(source, at(source, 13))('B')).toBe(false);
    expect(declaredBefore(source, at(source, 15))('A')).toBe(false);
    // An ARG before the first FROM is only for FROM lines; the stages see it only if re-declared.
    expect(declaredBefore(source, at(source, 6))('EARLY')).toBe(false);
  });

  it('folds a state once per file however many instructions ask', () => {
    let steps = 0;
    const count: ChainFold<number> = {
      initial: 0,
      step: (state) => {
        steps++;
        return state + 1;
      },
    };
    const states = source.instructions.map((instruction) => stateBefore(source, count, instruction));
    expect(states).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 0, 1]);
    expect(steps).toBe(source.instructions.length - 1);
  });
});
