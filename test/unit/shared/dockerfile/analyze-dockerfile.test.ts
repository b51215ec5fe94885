import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, stagesForTarget } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { BUILD_STREAM_SCENARIOS, readBuildStreamFixture } from '../../../support/record-build-stream';

const multiStage = [
  '# escape=\\',
  'ARG BASE=dw-test/busybox:latest',
  'ARG TAG',
  '# a comment between instructions',
  'FROM ${BASE} AS Builder',
  'ARG MESSAGE="hello world"',
  'run echo one && \\',
  '    # a comment inside the continuation',
  '',
  '    echo two',
  '',
  'FROM builder AS tester',
  'RUN true',
  '',
  'FROM $BASE AS assets',
  'RUN echo assets',
  '',
  'FROM ${MISSING:-dw-test/other:1} AS cache-source',
  'RUN echo cache',
  '',
  'FROM ${BASE}',
  'COPY --from=Builder /a /a',
  'COPY --from=2 /b /b',
  'RUN --mount=type=cache,from=cache-source,target=/c true',
  'CMD ["sh", \\',
  '  "-c", "echo done"]',
  '',
].join('\n');

describe('analyzeDockerfile', () => {
  const analysis = analyzeDockerfile(multiStage);

  it('lists every instruction in order with its lines, keyword and stage', () => {
    expect(
      analysis.instructions.map(({ keyword, line, endLine, stageIndex }) => [
        keyword,
        line,
        endLine,
        stageIndex,
      ]),
    ).toEqual([
      ['ARG', 2, 2, -1],
      ['ARG', 3, 3, -1],
      ['FROM', 5, 5, 0],
      ['ARG', 6, 6, 0],
      ['RUN', 7, 10, 0],
      ['FROM', 12, 12, 1],
      ['RUN', 13, 13, 1],
      ['FROM', 15, 15, 2],
      ['RUN', 16, 16, 2],
      ['FROM', 18, 18, 3],
      ['RUN', 19, 19, 3],
      ['FROM', 21, 21, 4],
      ['COPY', 22, 22, 4],
      ['COPY', 23, 23, 4],
      ['RUN', 24, 24, 4],
      ['CMD', 25, 26, 4],
    ]);
  });

  it.each([
    [7, 'run echo one &&     echo two'],
    [25, 'CMD ["sh",   "-c", "echo done"]'],
    [5, 'FROM ${BASE} AS Builder'],
  ])('joins the continuation lines of line %i the way BuildKit does, without comments: %s', (line, text) => {
    expect(analysis.instructions.find((instruction) => instruction.line === line)?.text).toBe(text);
  });

  it('finds the stages with their names, base images (global ARG defaults substituted) and instructions', () => {
    expect(
      analysis.stages.map(({ index, name, baseImage, line }) => ({ index, name, baseImage, line })),
    ).toEqual([
      { index: 0, name: 'Builder', baseImage: 'dw-test/busybox:latest', line: 5 },
      { index: 1, name: 'tester', baseImage: 'builder', line: 12 },
      { index: 2, name: 'assets', baseImage: 'dw-test/busybox:latest', line: 15 },
      { index: 3, name: 'cache-source', baseImage: 'dw-test/other:1', line: 18 },
      { index: 4, name: null, baseImage: 'dw-test/busybox:latest', line: 21 },
    ]);
    expect(analysis.stages[0]?.instructions.map((instruction) => instruction.keyword)).toEqual([
      'FROM',
      'ARG',
      'RUN',
    ]);
    expect(analysis.stages[4]?.instructions[0]?.keyword).toBe('FROM');
  });

  it('finds global and stage ARGs with their defaults', () => {
    expect(analysis.args).toEqual([
      { name: 'BASE', defaultValue: 'dw-test/busybox:latest', line: 2, stageIndex: -1 },
      { name: 'TAG', defaultValue: null, line: 3, stageIndex: -1 },
      { name: 'MESSAGE', defaultValue: 'hello world', line: 6, stageIndex: 0 },
    ]);
  });

  it('honours the escape directive', () => {
    const backtick = analyzeDockerfile(
      '# escape=`\nFROM dw-test/busybox:latest\nRUN echo a `\n  && echo b\n',
    );
    expect(backtick.instructions[1]).toMatchObject({ text: 'RUN echo a   && echo b', line: 3, endLine: 4 });
  });

  it('keeps the body of a heredoc on its own lines', () => {
    const heredoc = analyzeDockerfile('FROM dw-test/busybox:latest\nRUN <<EOF\necho hi\necho there\nEOF\n');
    expect(heredoc.instructions[1]).toMatchObject({
      text: 'RUN <<EOF\necho hi\necho there\nEOF',
      line: 2,
      endLine: 5,
    });
  });

  it('copes with an empty file and with instructions before any FROM', () => {
    expect(analyzeDockerfile('')).toMatchObject({ stages: [], args: [], instructions: [] });
    expect(analyzeDockerfile('').errors.map((error) => error.code)).toEqual(['no-instructions']);
    const early = analyzeDockerfile('RUN echo too-early\nFROM dw-test/busybox:latest\n');
    expect(early.instructions.map((instruction) => instruction.stageIndex)).toEqual([-1, 0]);
    expect(early.stages).toHaveLength(1);
  });

  it('prints each instruction the way the classic builder prints it in its Step headers (recorded)', () => {
    // Ground truth from the engine: classic echoes every instruction in `Step N/M : …` as its
    // parser joined it: escaped line breaks and comment lines removed, indentation kept.
    let compared = 0;
    for (const scenario of BUILD_STREAM_SCENARIOS.filter((candidate) => candidate.builder === 'classic')) {
      const { instructions } = analyzeDockerfile(scenario.dockerfile);
      for (const message of readBuildStreamFixture(scenario.name)) {
        const header = /^Step (\d+)\/\d+ : (.*)$/.exec((message as { stream?: string }).stream ?? '');
        if (!header) continue;
        const instruction = instructions[Number(header[1]) - 1];
        // The last step is the LABEL the build's `labels` option adds.
        if (header[2]?.startsWith('LABEL dev.dockwright.test')) continue;
        expect(instruction?.text, `step ${header[1]} of ${scenario.name}`).toBe(header[2]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('stagesForTarget', () => {
  const analysis = analyzeDockerfile(multiStage);
  const names = (target: string | null): Array<string | null> =>
    stagesForTarget(analysis, target).map((stage) => stage.name ?? String(stage.index));

  it.each([
    [null, ['Builder', 'assets', 'cache-source', '4']],
    ['BUILDER', ['Builder']],
    ['tester', ['Builder', 'tester']],
    ['assets', ['assets']],
    ['nope', []],
  ])('builds target %s from stages %j', (target, expected) => {
    expect(names(target)).toEqual(expected);
  });

  it('follows FROM chains through several stages', () => {
    const chain = analyzeDockerfile(
      'FROM dw-test/busybox:latest AS a\nFROM a AS b\nFROM b AS c\nFROM dw-test/busybox:latest AS d\n',
    );
    expect(stagesForTarget(chain, 'c').map((stage) => stage.name)).toEqual(['a', 'b', 'c']);
  });

  it('treats a FROM naming a stage defined further down as an image', () => {
    const forward = analyzeDockerfile('FROM later AS a\nFROM dw-test/busybox:latest AS later\n');
    expect(stagesForTarget(forward, 'a').map((stage) => stage.name)).toEqual(['a']);
  });

  it('matches the stages BuildKit ran in the recorded multi-stage builds (vertex names)', () => {
    for (const [scenarioName, target] of [
      ['buildkit-parallel-stages', null],
      ['buildkit-multi-stage-target', 'final'],
    ] as const) {
      const scenario = BUILD_STREAM_SCENARIOS.find((candidate) => candidate.name === scenarioName);
      expect(scenario?.target ?? null).toBe(target);
      const built = new Set<string>();
      for (const message of readBuildStreamFixture(scenarioName)) {
        const aux = (message as { aux?: unknown }).aux;
        if (typeof aux !== 'string') continue;
        // Vertex names are plain text inside the protobuf; `[name i/n] ` is enough to see the stage.
        for (const match of Buffer.from(aux, 'base64')
          .toString('latin1')
          .matchAll(/\[([a-z0-9-]+) \d+\/\d+\] (\w+)/g)) {
          if (match[2] !== 'FROM') built.add(match[1] ?? '');
        }
      }
      const analysis = analyzeDockerfile(scenario?.dockerfile ?? '');
      const expected = stagesForTarget(analysis, target).map((stage) =>
        (stage.name ?? `stage-${stage.index}`).toLowerCase(),
      );
      expect([...built].sort()).toEqual([...expected].sort());
    }
  });
});
