import { describe, expect, it } from 'vitest';
import { layers, analyze, type Spec } from './layer-specs';

describe('hints', () => {
  it('names apt lists left in an image and apt lists removed in a later layer', () => {
    const update = '/bin/sh -c apt-get update && apt-get install -y curl';
    const lists: Spec[] = [
      ['d', 'var/lib/apt/lists/'],
      ['f', 'var/lib/apt/lists/lock', 0],
      [
        'f',
        'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
        9_000_000,
      ],
      ['f', 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', 150_000],
    ];
    const kept = analyze(layers({ createdBy: update, entries: lists }));
    expect(kept.hints).toHaveLength(1);
    expect(kept.hints[0]).toMatchObject({ kind: 'apt-lists', bytes: 9_150_000, layers: [0] });
    expect(kept.hints[0]!.message).toBe(
      'Layer 1 (RUN apt-get update && apt-get install -y curl) leaves 9.15MB of apt package lists in ' +
        '/var/lib/apt/lists. End that same RUN with `&& rm -rf /var/lib/apt/lists/*` so they never reach a layer.',
    );

    const later = analyze(
      layers(
        { createdBy: update, entries: lists },
        {
          createdBy: '/bin/sh -c rm -rf /var/lib/apt/lists/*',
          entries: [
            ['d', 'var/lib/apt/lists/'],
            ['f', 'var/lib/apt/lists/.wh..wh..opq'],
          ],
        },
      ),
    );
    expect(later.wastedBytes).toBe(9_150_000);
    expect(later.hints.map((hint) => [hint.kind, hint.bytes, hint.layers])).toEqual([
      ['apt-lists', 9_150_000, [0, 1]],
    ]);
    expect(later.hints[0]!.message).toMatch(
      /^Layer 1 \(RUN apt-get update .*\) downloads 9.15MB of apt package lists that layer 2 \(RUN rm -rf \/var\/lib\/apt\/lists\/\*\) deletes/,
    );
  });

  it('names a file copied twice, and files rewritten by a later chmod', () => {
    const result = analyze(
      layers(
        {
          createdBy: '/bin/sh -c #(nop) COPY file:aa in /app/data.bin',
          entries: [['f', 'app/data.bin', 65_536]],
        },
        { createdBy: 'COPY data.bin /app/ # buildkit', entries: [['f', 'app/data.bin', 65_536]] },
        {
          createdBy: '/bin/sh -c #(nop) COPY dir:bb in /srv',
          entries: [
            ['f', 'srv/a', 30_000],
            ['f', 'srv/b', 20_000],
          ],
        },
        {
          createdBy: '/bin/sh -c chmod -R a+r /srv',
          entries: [
            ['f', 'srv/a', 30_000],
            ['f', 'srv/b', 20_000],
          ],
        },
      ),
    );
    expect(result.wastedBytes).toBe(65_536 + 50_000);
    expect(result.hints.map((hint) => [hint.kind, hint.bytes, hint.layers, hint.paths])).toEqual([
      ['copied-twice', 65_536, [0, 1], ['/app/data.bin']],
      ['overwritten-later', 50_000, [2, 3], ['/srv/a', '/srv/b']],
    ]);
    expect(result.hints[0]!.message).toBe(
      '/app/data.bin (65.5kB) is copied by layer 1 (COPY file:aa in /app/data.bin) and again by layer 2 ' +
        '(COPY data.bin /app/): the first copy still takes 65.5kB. Copy it once.',
    );
    expect(result.hints[1]!.message).toMatch(
      /^2 files \(50kB; biggest \/srv\/a, 30kB\) written by layer 3 .* are rewritten by layer 4 \(RUN chmod -R a\+r \/srv\)/,
    );
  });

  it('leaves out hints about a few bytes', () => {
    const result = analyze(
      layers({ createdBy: 'a', entries: [['f', 'x', 10]] }, { createdBy: 'b', entries: [['f', '.wh.x']] }),
    );
    expect(result.wastedBytes).toBe(10);
    expect(result.hints).toEqual([]);
    expect(
      analyze(
        layers({ createdBy: 'a', entries: [['f', 'x', 10]] }, { createdBy: 'b', entries: [['f', '.wh.x']] }),
        { minHintBytes: 1 },
      ).hints,
    ).toHaveLength(1);
  });
});
