import { describe, expect, it } from 'vitest';
import { debugDockerfile } from '../../../../src/shared/builds/debug-dockerfile';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';

const MULTI = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=busybox',
  'FROM $BASE AS build',
  'WORKDIR /src',
  'RUN echo one > a && \\',
  '    echo two > b',
  'COPY <<EOF /src/c',
  'heredoc body',
  'EOF',
  'RUN make app',
  'FROM busybox',
  'COPY --from=build /src /app',
  'CMD ["/app/run"]',
  '',
].join('\n');

describe('debugDockerfile', () => {
  it('cuts before a failing RUN of the first stage, keeping directives, ARGs and whole multi-line steps', () => {
    const result = debugDockerfile(MULTI, 10, 'before');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toBe(MULTI.split('\n').slice(0, 9).join('\n') + '\n');
    expect(result.value).toMatchObject({ line: 10, pending: 'RUN make app', pendingCommand: 'make app' });
    const cut = analyzeDockerfile(result.value.text);
    expect(cut.errors).toEqual([]);
    // The step's stage is the last one: both builders build it by default.
    expect(cut.stages.map((stage) => stage.name)).toEqual(['build']);
  });

  it('finds the step from any of its lines, and cuts before its first', () => {
    const result = debugDockerfile(MULTI, 6, 'before');
    expect(result.ok && result.value.line).toBe(5);
    expect(result.ok && result.value.text.trimEnd().split('\n').at(-1)).toBe('WORKDIR /src');
    expect(result.ok && result.value.pendingCommand).toBe('echo one > a &&     echo two > b');
  });

  it('cuts after a step, heredoc body included, with nothing pending', () => {
    const result = debugDockerfile(MULTI, 7, 'after');
    expect(result.ok && result.value.text.trimEnd().split('\n').at(-1)).toBe('EOF');
    expect(result.ok && result.value.pending).toBeNull();
  });

  it('keeps the earlier stages when the step is in a later one', () => {
    const result = debugDockerfile(MULTI, 13, 'before');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(analyzeDockerfile(result.value.text).stages).toHaveLength(2);
    expect(result.value.pendingCommand).toBeNull();
  });

  it.each([
    [2, 'before', /holds no step of a build stage/],
    [1, 'before', /holds no step of a build stage/],
    [99, 'after', /holds no step of a build stage/],
    [11, 'before', /starts a stage \(FROM busybox\)/],
  ] as const)('refuses line %d %s: %s', (line, at, message) => {
    const result = debugDockerfile(MULTI, line, at);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'VALIDATION', field: 'line', line });
    expect(result.error.message).toMatch(message);
  });
});
