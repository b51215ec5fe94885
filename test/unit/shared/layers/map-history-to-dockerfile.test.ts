/**
 * mapHistoryToDockerfile on histories recorded from dockerd 20.10 with both builders
 * (fixtures/, re-checked against the engine by test/integration/layers-history-fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import type { LayerEntry } from '../../../../src/shared/layers/layer-history';
import { mapHistoryToDockerfile } from '../../../../src/shared/layers/map-history-to-dockerfile';
import {
  entriesOf,
  HISTORY_SCENARIOS,
  historyScenario,
  readHistoryFixture,
  type HistoryFixture,
} from './history-fixtures';

const BUILDERS = ['classic', 'buildkit'] as const;

function mapped(scenario: string, builder: HistoryFixture['builder'], target?: string | null): LayerEntry[] {
  const fixture = readHistoryFixture(scenario, builder);
  const definition = historyScenario(scenario);
  return mapHistoryToDockerfile(
    entriesOf(fixture),
    analyzeDockerfile(definition.dockerfile),
    target === undefined ? definition.target : target,
  );
}

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
