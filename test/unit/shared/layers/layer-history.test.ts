/**
 * The history entries on histories recorded from dockerd 20.10 with both builders
 * (fixtures/, re-checked against the engine by test/integration/layers-history-fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  cleanCreatedBy,
  emptyLayersFromSizes,
  instructionKeyword,
} from '../../../../src/shared/layers/layer-history';
import { entriesOf, HISTORY_SCENARIOS, readHistoryFixture } from './history-fixtures';

const BUILDERS = ['classic', 'buildkit'] as const;

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
      'EXPOSE 80/tcp',
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

  it("reads BuildKit's Go-printed port set of EXPOSE as the ports", () => {
    expect(cleanCreatedBy('EXPOSE map[5000/tcp:{} 53/udp:{}]').instruction).toBe('EXPOSE 5000/tcp 53/udp');
    expect(cleanCreatedBy('EXPOSE map[]').instruction).toBe('EXPOSE');
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

  it('on the containerd store (on-disk sizes, engine 26.1) sizes that settle it agree with the config too', () => {
    let settled = 0;
    for (const { name } of HISTORY_SCENARIOS) {
      for (const builder of BUILDERS) {
        const fixture = readHistoryFixture(name, builder, 'engine2');
        expect(fixture.imageStore).toBe('containerd');
        const sizes = [...fixture.history].reverse().map((entry) => entry.Size);
        const truth = fixture.configHistory.map((entry) => entry.empty_layer === true);
        // An entry without a layer is 0 on disk as well; a layer may be 0 on disk too (BuildKit's WORKDIR /).
        sizes.forEach((size, index) => {
          if (truth[index]) expect(size).toBe(0);
        });
        const fromSizes = emptyLayersFromSizes(sizes, fixture.diffIds.length);
        if (fromSizes) {
          expect(fromSizes).toEqual(truth);
          settled++;
        }
      }
    }
    expect(settled).toBeGreaterThan(0);
  });
});
