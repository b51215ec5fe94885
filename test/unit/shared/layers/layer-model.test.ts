/**
 * The layer model on histories recorded from dockerd 20.10 with both builders
 * (fixtures/, re-checked against the engine by test/integration/layers-history-fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import {
  buildLayerEntries,
  cleanCreatedBy,
  compareImages,
  emptyLayersFromSizes,
  formatSizeDelta,
  instructionKeyword,
  mapHistoryToDockerfile,
  type ImageDetails,
  type LayerEntry,
} from '../../../../src/shared/layers/layer-model';
import {
  HISTORY_SCENARIOS,
  historyScenario,
  readHistoryFixture,
  type HistoryFixture,
} from './history-fixtures';

const BUILDERS = ['classic', 'buildkit'] as const;

function entriesOf(fixture: HistoryFixture): LayerEntry[] {
  return buildLayerEntries(
    fixture.history,
    fixture.diffIds,
    fixture.configHistory.map((entry) => entry.empty_layer === true),
  );
}

function detailsOf(fixture: HistoryFixture): ImageDetails {
  return {
    id: fixture.imageId,
    tags: [],
    digests: [],
    created: 0,
    sizeBytes: fixture.sizeBytes,
    os: 'linux',
    architecture: 'amd64',
    variant: null,
    entrypoint: null,
    cmd: null,
    env: [],
    exposedPorts: [],
    workdir: '',
    user: '',
    labels: {},
    diffIds: fixture.diffIds,
    history: entriesOf(fixture),
  };
}

function mapped(scenario: string, builder: HistoryFixture['builder'], target?: string | null): LayerEntry[] {
  const fixture = readHistoryFixture(scenario, builder);
  const definition = historyScenario(scenario);
  return mapHistoryToDockerfile(
    entriesOf(fixture),
    analyzeDockerfile(definition.dockerfile),
    target === undefined ? definition.target : target,
  );
}

const BASE_INSTRUCTIONS = [
  'COPY file:73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196058304b9 in /bin/busybox',
  '/bin/busybox --install -s /bin',
  'CMD ["sh"]',
  'LABEL dev.dockwright.test=1',
];

describe('cleanCreatedBy on recorded histories', () => {
  it('turns every classic entry of the instruction tour into its instruction', () => {
    const fixture = readHistoryFixture('instructions', 'classic');
    const cleaned = entriesOf(fixture).map((entry) => entry.instruction);
    expect(cleaned).toEqual([
      ...BASE_INSTRUCTIONS,
      'ARG BA',
      'ARG OTHER=1',
      'LABEL a=b',
      'ENV E=1',
      'WORKDIR /w',
      'COPY file:81152cbbbf38de0c9e56f82f15a551a57a075d0b8b4ac3b5de8973c0a6683cef in /w/',
      'ADD file:81152cbbbf38de0c9e56f82f15a551a57a075d0b8b4ac3b5de8973c0a6683cef in /w/b.txt',
      'RUN echo $BA > /x &&     echo hi',
      'RUN echo exec > /y',
      'EXPOSE 80',
      'USER nobody',
      'VOLUME [/v]',
      'STOPSIGNAL SIGTERM',
      `HEALTHCHECK &{["CMD-SHELL" "true"] "0s" "0s" "0s" '\\x00'}`,
      'SHELL [/bin/sh -c]',
      'ONBUILD RUN echo',
      'MAINTAINER someone',
      'ENTRYPOINT ["sh"]',
      'CMD ["-c" "echo"]',
      'LABEL dev.dockwright.test=1',
      'LABEL org.example.note=two words',
    ]);
  });

  it('turns every BuildKit entry of the instruction tour into its instruction (no ONBUILD, no option labels)', () => {
    const fixture = readHistoryFixture('instructions', 'buildkit');
    expect(entriesOf(fixture).map((entry) => entry.instruction)).toEqual([
      ...BASE_INSTRUCTIONS,
      'ARG BA',
      'ARG OTHER=1',
      'LABEL a=b',
      'ENV E=1',
      'WORKDIR /w',
      'COPY a.txt /w/',
      'ADD a.txt /w/b.txt',
      'RUN echo $BA > /x &&     echo hi',
      'RUN echo exec > /y',
      'EXPOSE map[80/tcp:{}]',
      'USER nobody',
      'VOLUME [/v]',
      'STOPSIGNAL SIGTERM',
      `HEALTHCHECK &{["CMD-SHELL" "true"] "0s" "0s" "0s" '\\x00'}`,
      'SHELL [/bin/sh -c]',
      'MAINTAINER someone',
      'ENTRYPOINT ["sh"]',
      'CMD ["-c" "echo"]',
    ]);
  });

  it.each(BUILDERS)('shows RUN build args apart, values with spaces whole (%s)', (builder) => {
    const runs = entriesOf(readHistoryFixture('instructions', builder)).filter((entry) =>
      entry.createdBy.includes('|2 '),
    );
    expect(runs).toHaveLength(2);
    for (const entry of runs) expect(entry.buildArgs).toEqual({ BA: 'x y', OTHER: '2' });
    const others = entriesOf(readHistoryFixture('instructions', builder)).filter(
      (entry) => !entry.createdBy.includes('|2 '),
    );
    for (const entry of others) expect(entry.buildArgs).toEqual({});
  });

  it('keeps a non-default SHELL and a bare exec-form RUN as the engine wrote them', () => {
    expect(
      entriesOf(readHistoryFixture('shell-and-exec', 'classic'))
        .map((e) => e.instruction)
        .slice(4),
    ).toEqual([
      '/bin/busybox echo exec',
      'SHELL [/bin/sh -e -c]',
      '/bin/sh -e -c echo custom shell',
      'ENV X=1',
      'COPY --chown=1:1file:a596f0888def06c3cad1442667ede22d419985a1c8a3155b838b650c4cf52ecc in .',
      'WORKDIR /rel',
      'COPY file:a596f0888def06c3cad1442667ede22d419985a1c8a3155b838b650c4cf52ecc in .',
      'LABEL dev.dockwright.test=1',
    ]);
    expect(
      entriesOf(readHistoryFixture('shell-and-exec', 'buildkit'))
        .map((e) => e.instruction)
        .slice(4),
    ).toEqual([
      'RUN /bin/busybox echo exec',
      'SHELL [/bin/sh -e -c]',
      'RUN /bin/sh -e -c echo custom shell',
      'ENV X=1',
      'COPY a.txt .',
      'WORKDIR /rel',
      'COPY a.txt .',
    ]);
  });

  it('cleans the forms no fixture has: an import, a build-arg exec RUN, a last value with spaces and no shell', () => {
    expect(cleanCreatedBy('')).toEqual({ instruction: '', buildArgs: {} });
    expect(cleanCreatedBy('|1 V=1 /app/setup --fast')).toEqual({
      instruction: 'RUN /app/setup --fast',
      buildArgs: { V: '1' },
    });
    expect(cleanCreatedBy('|2 A=1 B=two words /bin/sh -c make')).toEqual({
      instruction: 'RUN make',
      buildArgs: { A: '1', B: 'two words' },
    });
    expect(cleanCreatedBy('|0 /bin/sh -c true').instruction).toBe('RUN true');
    expect(cleanCreatedBy('cmd /S /C #(nop)  ENV X=1').instruction).toBe('ENV X=1');
  });

  it('names the keyword of an instruction, and none for a bare command', () => {
    expect(instructionKeyword('RUN echo')).toBe('RUN');
    expect(instructionKeyword('copy a b')).toBe('COPY');
    expect(instructionKeyword('/bin/busybox --install')).toBeNull();
    expect(instructionKeyword('')).toBeNull();
  });
});

describe('empty layers and diff IDs', () => {
  it.each(HISTORY_SCENARIOS.flatMap((s) => BUILDERS.map((b) => [s.name, b] as const)))(
    '%s/%s: one diff ID per entry with a layer, in RootFS order',
    (scenario, builder) => {
      const fixture = readHistoryFixture(scenario, builder);
      const entries = entriesOf(fixture);
      const withLayer = entries.filter((entry) => !entry.emptyLayer);
      expect(withLayer.map((entry) => entry.diffId)).toEqual(fixture.diffIds);
      expect(entries.filter((entry) => entry.emptyLayer).every((entry) => entry.diffId === null)).toBe(true);
      expect(entries.map((entry) => entry.sizeBytes).reduce((a, b) => a + b, 0)).toBe(fixture.sizeBytes);
    },
  );

  it.each(BUILDERS)(
    'a WORKDIR that creates its folder is a 0-byte layer, one that does not is empty (%s)',
    (builder) => {
      const entries = entriesOf(readHistoryFixture('waste', builder));
      const work = entries.find((entry) => entry.instruction === 'WORKDIR /work')!;
      const root = entries.find((entry) => entry.instruction === 'WORKDIR /')!;
      expect(work).toMatchObject({ emptyLayer: false, sizeBytes: 0 });
      expect(work.diffId).toMatch(/^sha256:/);
      expect(root).toMatchObject({ emptyLayer: true, sizeBytes: 0, diffId: null });
    },
  );

  it('sizes settle empty layers only when as many entries have bytes as the image has layers', () => {
    for (const [scenario, builder] of [
      ['multi-stage', 'classic'],
      ['instructions', 'classic'],
      ['waste', 'buildkit'],
      ['multi-stage', 'buildkit'],
    ] as const) {
      const fixture = readHistoryFixture(scenario, builder);
      const sizes = [...fixture.history].reverse().map((entry) => entry.Size);
      const truth = fixture.configHistory.map((entry) => entry.empty_layer === true);
      const fromSizes = emptyLayersFromSizes(sizes, fixture.diffIds.length);
      // Whenever the sizes answer, they answer what the config says.
      if (fromSizes) expect(fromSizes).toEqual(truth);
      expect(fromSizes === null).toBe(scenario !== 'multi-stage' || builder === 'buildkit');
    }
  });
});

describe('mapHistoryToDockerfile on recorded histories', () => {
  const base = [null, null, null, null];
  const expected: Record<string, Record<HistoryFixture['builder'], Array<number | null>>> = {
    // Classic adds one LABEL per build-option label; BuildKit records no ONBUILD.
    instructions: {
      classic: [...base, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, null, null],
      buildkit: [...base, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21],
    },
    // Only the FROM chain of `final` (mid → final); `builder` feeds COPY --from and leaves no history.
    'multi-stage': {
      classic: [...base, 8, 9, 12, 13, 14, null],
      buildkit: [...base, 8, 9, 12, 13],
    },
    'shell-and-exec': {
      classic: [...base, 2, 3, 4, 5, 6, 7, 8, null],
      buildkit: [...base, 2, 3, 4, 5, 6, 7, 8],
    },
    waste: {
      classic: [...base, 2, 3, 4, 5, 6, 7, null],
      buildkit: [...base, 2, 3, 4, 5, 6, 7],
    },
  };

  it.each(HISTORY_SCENARIOS.flatMap((s) => BUILDERS.map((b) => [s.name, b] as const)))(
    '%s/%s: base entries grouped, every other entry on its line',
    (scenario, builder) => {
      const entries = mapped(scenario, builder);
      const fixture = readHistoryFixture(scenario, builder);
      expect(entries.map((entry) => entry.dockerfileLine)).toEqual(expected[scenario]![builder]);
      expect(entries.filter((entry) => entry.fromBaseImage)).toHaveLength(fixture.baseHistoryLength);
      expect(entries.slice(0, fixture.baseHistoryLength).every((entry) => entry.fromBaseImage)).toBe(true);
    },
  );

  it('falls back to position when the Dockerfile was edited after the build', () => {
    const definition = historyScenario('waste');
    const edited = definition.dockerfile
      .replace('rm -rf /dir && mkdir /dir', 'rm -rf /other && mkdir /other')
      .replace('COPY a.txt a.txt /twice/', 'COPY b.txt /elsewhere/');
    const entries = mapHistoryToDockerfile(
      entriesOf(readHistoryFixture('waste', 'buildkit')),
      analyzeDockerfile(edited),
      null,
    );
    expect(entries.map((entry) => entry.dockerfileLine)).toEqual([null, null, null, null, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves an instruction added after the build unmapped and the rest in place', () => {
    const definition = historyScenario('waste');
    const grown = definition.dockerfile.replace('WORKDIR /\n', 'WORKDIR /\nENV ADDED=1\n');
    const entries = mapHistoryToDockerfile(
      entriesOf(readHistoryFixture('waste', 'buildkit')),
      analyzeDockerfile(grown),
      null,
    );
    expect(entries.map((entry) => entry.dockerfileLine)).toEqual([null, null, null, null, 2, 3, 4, 5, 7, 8]);
    expect(entries.filter((entry) => entry.fromBaseImage)).toHaveLength(4);
  });

  it('maps nothing for an unknown target or an empty Dockerfile', () => {
    for (const entries of [mapped('multi-stage', 'buildkit', 'nope'), mapped('waste', 'classic', 'x')]) {
      expect(entries.every((entry) => entry.dockerfileLine === null && !entry.fromBaseImage)).toBe(true);
    }
    const empty = mapHistoryToDockerfile(
      entriesOf(readHistoryFixture('waste', 'classic')),
      analyzeDockerfile(''),
      null,
    );
    expect(empty.every((entry) => entry.dockerfileLine === null && !entry.fromBaseImage)).toBe(true);
  });

  it('treats a stage name case-insensitively, as the builders do', () => {
    expect(mapped('multi-stage', 'classic', 'FINAL').map((entry) => entry.dockerfileLine)).toEqual(
      mapped('multi-stage', 'classic').map((entry) => entry.dockerfileLine),
    );
  });
});

describe('compareImages', () => {
  it('shows the shared base once and the builders’ one real difference (symlink bytes)', () => {
    const a = detailsOf(readHistoryFixture('waste', 'classic'));
    const b = detailsOf(readHistoryFixture('waste', 'buildkit'));
    const comparison = compareImages(a, b);
    expect(comparison.sharedCount).toBe(4);
    expect(comparison.sharedBytes).toBe(1982256 + 3216);
    expect(
      comparison.rows.slice(0, 4).every((row) => row.match === 'shared' && row.a?.diffId === row.b?.diffId),
    ).toBe(true);
    expect(comparison.rows.slice(4).map((row) => [row.match, row.instruction, row.deltaBytes])).toEqual([
      ['same-instruction', expect.stringMatching(/^RUN mkdir/), 0],
      ['same-instruction', 'WORKDIR /work', 0],
      ['same-instruction', expect.stringMatching(/^RUN rm -rf/), 0],
      ['same-instruction', 'WORKDIR /', 0],
      // Classic counts the symlink /soft (5 bytes: "/over"), BuildKit on 20.10 does not.
      ['same-instruction', 'RUN ln /over /hard && ln -s /over /soft', -5],
      ['same-keyword', 'COPY a.txt a.txt /twice/', 0],
      ['only-a', 'LABEL dev.dockwright.test=1', 0],
    ]);
    expect(comparison.totals).toEqual({
      aBytes: a.sizeBytes,
      bBytes: b.sizeBytes,
      deltaBytes: b.sizeBytes - a.sizeBytes,
      deltaPercent: ((b.sizeBytes - a.sizeBytes) / a.sizeBytes) * 100,
    });
    expect(comparison.totals.deltaBytes).toBe(-5);
    expect(comparison.grewMost).toBeNull();
    expect(comparison.shrankMost?.instruction).toBe('RUN ln /over /hard && ln -s /over /soft');
    expect(comparison.headline).toBe(
      '7.23MB → 7.23MB (-5B, under 0.1%). Shrank most: RUN ln /over /hard && ln -s /over /soft (-5B).',
    );
  });

  it('an image against itself is all shared', () => {
    const a = detailsOf(readHistoryFixture('instructions', 'buildkit'));
    const comparison = compareImages(a, a);
    expect(comparison.sharedCount).toBe(a.history.length);
    expect(comparison.rows.every((row) => row.match === 'shared' && row.deltaBytes === 0)).toBe(true);
    expect(comparison.headline).toBe('Same size (1.99MB).');
  });

  function entry(index: number, instruction: string, sizeBytes: number, diffId: string | null): LayerEntry {
    return {
      index,
      createdBy: instruction,
      instruction,
      buildArgs: {},
      sizeBytes,
      created: 0,
      emptyLayer: diffId === null,
      diffId,
      comment: '',
      fromBaseImage: false,
      dockerfileLine: null,
    };
  }

  function image(history: LayerEntry[]): ImageDetails {
    return {
      ...detailsOf(readHistoryFixture('waste', 'classic')),
      history,
      diffIds: history.flatMap((e) => (e.diffId ? [e.diffId] : [])),
      sizeBytes: history.reduce((total, e) => total + e.sizeBytes, 0),
    };
  }

  it('matches exact instructions first, then keywords in order, and names the biggest changes', () => {
    const a = image([
      entry(0, 'COPY file:x in /', 1000, 'sha256:base'),
      entry(1, 'RUN apt-get update && apt-get install -y curl', 40_000_000, 'sha256:a1'),
      entry(2, 'COPY . /app', 2_000_000, 'sha256:a2'),
      entry(3, 'RUN make', 500_000, 'sha256:a3'),
      entry(4, 'CMD ["app"]', 0, null),
    ]);
    const b = image([
      entry(0, 'COPY file:x in /', 1000, 'sha256:base'),
      entry(1, 'RUN apt-get update && apt-get install -y curl git', 90_000_000, 'sha256:b1'),
      entry(2, 'COPY . /app', 1_500_000, 'sha256:b2'),
      entry(3, 'RUN make test', 100_000, 'sha256:b3'),
      entry(4, 'ENV MODE=prod', 0, null),
      entry(5, 'CMD ["app"]', 0, null),
    ]);
    const comparison = compareImages(a, b);
    expect(comparison.rows.map((row) => [row.match, row.a?.index ?? null, row.b?.index ?? null])).toEqual([
      ['shared', 0, 0],
      ['same-keyword', 1, 1],
      ['same-instruction', 2, 2],
      ['same-keyword', 3, 3],
      ['only-b', null, 4],
      ['same-instruction', 4, 5],
    ]);
    const run = comparison.rows[1]!;
    expect(run).toMatchObject({
      aBytes: 40_000_000,
      bBytes: 90_000_000,
      deltaBytes: 50_000_000,
      deltaPercent: 125,
    });
    expect(comparison.rows[2]).toMatchObject({ deltaBytes: -500_000, deltaPercent: -25 });
    expect(comparison.rows[3]).toMatchObject({ deltaBytes: -400_000, deltaPercent: -80 });
    expect(comparison.rows[4]).toMatchObject({ deltaBytes: 0, deltaPercent: 0 });
    expect(comparison.grewMost).toBe(run);
    expect(comparison.shrankMost).toBe(comparison.rows[2]);
    expect(comparison.totals).toMatchObject({
      aBytes: 42_501_000,
      bBytes: 91_601_000,
      deltaBytes: 49_100_000,
    });
    expect(comparison.totals.deltaPercent).toBeCloseTo((49_100_000 / 42_501_000) * 100, 10);
    expect(comparison.headline).toBe(
      '42.5MB → 91.6MB (+49.1MB, +116%). Grew most: RUN apt-get update && apt-get install -y curl git (+50MB). ' +
        'Shrank most: COPY . /app (-500kB).',
    );
  });

  it('calls a moved but identical layer the same layer, and a new layer new', () => {
    const a = image([entry(0, 'COPY a /a', 10, 'sha256:l1'), entry(1, 'RUN x', 5, 'sha256:l2')]);
    const b = image([
      entry(0, 'ENV X=1', 0, null),
      entry(1, 'COPY a /a', 10, 'sha256:l1'),
      entry(2, 'RUN y', 7, 'sha256:l3'),
    ]);
    const comparison = compareImages(a, b);
    expect(comparison.sharedCount).toBe(0);
    expect(comparison.rows.map((row) => [row.match, row.deltaPercent])).toEqual([
      ['only-b', 0],
      ['same-layer', 0],
      ['same-keyword', 40],
    ]);
    const added = compareImages(image([]), a);
    expect(added.rows.map((row) => [row.match, row.deltaPercent])).toEqual([
      ['only-b', null],
      ['only-b', null],
    ]);
    expect(added.totals.deltaPercent).toBeNull();
    expect(added.headline).toBe('0B → 15B (+15B, new). Grew most: COPY a /a (+10B).');
  });

  it('writes signed deltas in docker images units', () => {
    expect(formatSizeDelta(0)).toBe('0B');
    expect(formatSizeDelta(1_500_000)).toBe('+1.5MB');
    expect(formatSizeDelta(-1125)).toBe('-1.12kB');
  });
});
