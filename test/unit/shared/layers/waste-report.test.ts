import { describe, expect, it } from 'vitest';
import { addTarHeader, createLayerTarSummary } from '../../../../src/shared/layers/layer-tar-summary';
import { summarizeImageContents, type LayerInput } from '../../../../src/shared/layers/image-contents';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { buildLayerEntries, type EngineHistoryEntry } from '../../../../src/shared/layers/layer-history';
import { mapHistoryToDockerfile } from '../../../../src/shared/layers/map-history-to-dockerfile';
import { placeWasteMarks, wasteNotes, wasteReport } from '../../../../src/shared/layers/waste-report';

const MB = 1_000_000;

/** One layer: what it writes (`path` → bytes) and what it deletes (whiteouts). */
interface LayerSpec {
  createdBy: string;
  writes?: Record<string, number>;
  deletes?: string[];
}

/** A built image: its Dockerfile, the base image's layers and one layer per Dockerfile RUN/COPY. */
function image(dockerfile: string, layers: LayerSpec[], baseLayers = 1) {
  const inputs: LayerInput[] = layers.map((layer, index) => {
    const summary = createLayerTarSummary();
    for (const [path, size] of Object.entries(layer.writes ?? {}))
      addTarHeader(summary, { name: path, type: 'file', size });
    for (const path of layer.deletes ?? []) {
      const slash = path.lastIndexOf('/');
      addTarHeader(summary, {
        name: `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`,
        type: 'file',
        size: 0,
      });
    }
    return { summary, diffId: `sha256:${index}`, historyIndex: index, createdBy: layer.createdBy };
  });
  const contents = summarizeImageContents(
    'sha256:image',
    'docker-archive',
    inputs,
    layers.map(() => false),
  );
  const history: EngineHistoryEntry[] = layers
    .map((layer, index) => ({
      Id: `layer${index}`,
      Created: 0,
      CreatedBy: layer.createdBy,
      Tags: null,
      Size: Object.values(layer.writes ?? {}).reduce((sum, size) => sum + size, 0),
      Comment: index < baseLayers ? '' : 'buildkit.dockerfile.v0',
    }))
    .reverse();
  const entries = mapHistoryToDockerfile(
    buildLayerEntries(
      history,
      inputs.map((input) => input.diffId!),
      layers.map(() => false),
    ),
    analyzeDockerfile(dockerfile),
    null,
  );
  return { contents, entries };
}

const BASE: LayerSpec = { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ', writes: { 'bin/sh': 900_000 } };
const UPDATE = 'RUN apt-get update && apt-get install -y curl';
const CLEAN = 'RUN apt-get clean && rm -rf /var/lib/apt/lists/*';
const LISTS = {
  'var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages.lz4': 9 * MB,
  'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease': 3 * MB,
  'var/cache/apt/pkgcache.bin': 1 * MB,
  'usr/bin/curl': 300_000,
};

describe('wasteReport', () => {
  const cases = [
    {
      name: 'the classic mistake: apt lists deleted by a separate RUN',
      dockerfile: `FROM ubuntu:22.04\nWORKDIR /\n${UPDATE}\n${CLEAN}\n`,
      layers: [
        BASE,
        { createdBy: `RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit`, writes: LISTS },
        {
          createdBy: `RUN /bin/sh -c apt-get clean && rm -rf /var/lib/apt/lists/* # buildkit`,
          deletes: Object.keys(LISTS).filter((path) => !path.endsWith('curl')),
        },
      ],
      headline: '13MB wasted: files written by line 3 and deleted by line 4',
      own: 13 * MB,
      pairs: [[3, 4, 13 * MB, 'deleted']],
    },
    {
      name: 'the same cleanup inside the RUN that downloads: nothing wasted',
      dockerfile: `FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n`,
      layers: [
        BASE,
        {
          createdBy:
            'RUN /bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # buildkit',
          writes: { 'usr/bin/curl': 300_000 },
        },
      ],
      headline: null,
      own: 0,
      pairs: [],
    },
    {
      name: 'a file of the base image deleted: the line that deletes it is named, the base image is not a line',
      dockerfile: `FROM ubuntu:22.04\nRUN rm /bin/sh\n`,
      layers: [BASE, { createdBy: 'RUN /bin/sh -c rm /bin/sh # buildkit', deletes: ['bin/sh'] }],
      headline: '900kB wasted: files written by the base image and deleted by line 2',
      own: 900_000,
      pairs: [[null, 2, 900_000, 'deleted']],
    },
    {
      name: 'a chmod rewriting a copied file: overwritten, not deleted',
      dockerfile: `FROM ubuntu:22.04\nCOPY app.bin /app.bin\nRUN chmod +x /app.bin\n`,
      layers: [
        BASE,
        { createdBy: 'COPY app.bin /app.bin # buildkit', writes: { 'app.bin': 2 * MB } },
        { createdBy: 'RUN /bin/sh -c chmod +x /app.bin # buildkit', writes: { 'app.bin': 2 * MB } },
      ],
      headline: '2MB wasted: files written by line 2 and overwritten by line 3',
      own: 2 * MB,
      pairs: [[2, 3, 2 * MB, 'overwritten']],
    },
    {
      name: 'two findings: both named with their share, biggest first',
      dockerfile: `FROM ubuntu:22.04\nRUN make-big\nRUN make-small\nRUN rm /big /small\n`,
      layers: [
        BASE,
        { createdBy: 'RUN /bin/sh -c make-big # buildkit', writes: { big: 5 * MB } },
        { createdBy: 'RUN /bin/sh -c make-small # buildkit', writes: { small: 1 * MB } },
        { createdBy: 'RUN /bin/sh -c rm /big /small # buildkit', deletes: ['big', 'small'] },
      ],
      headline:
        '6MB wasted: files written by line 2 and deleted by line 4 (5MB); files written by line 3 and deleted by line 4 (1MB)',
      own: 6 * MB,
      pairs: [
        [2, 4, 5 * MB, 'deleted'],
        [3, 4, 1 * MB, 'deleted'],
      ],
    },
  ];

  it.each(cases)('$name', ({ dockerfile, layers, headline, own, pairs }) => {
    const { contents, entries } = image(dockerfile, layers);
    const report = wasteReport(contents, entries, dockerfile);
    expect(report.headline).toBe(headline);
    expect(report.ownWastedBytes).toBe(own);
    expect(report.totalWastedBytes).toBe(contents.wastedBytes);
    expect(
      report.findings.map((finding) => [
        finding.writer.line,
        finding.remover.line,
        finding.bytes,
        finding.how,
      ]),
    ).toEqual(pairs);
  });

  it('leaves waste that the base image made and hid itself out of the headline', () => {
    const dockerfile = 'FROM ubuntu:22.04\nRUN true\n';
    const { contents, entries } = image(
      dockerfile,
      [
        { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ', writes: { 'tmp/big': 2 * MB } },
        { createdBy: '/bin/sh -c rm /tmp/big', deletes: ['tmp/big'] },
        { createdBy: 'RUN /bin/sh -c true # buildkit', writes: { 'etc/x': 10 } },
      ],
      2,
    );
    const report = wasteReport(contents, entries, dockerfile);
    expect(report.totalWastedBytes).toBe(2 * MB);
    expect(report.ownWastedBytes).toBe(0);
    expect(report.headline).toBeNull();
    expect(
      report.findings.map((finding) => [finding.writer.fromBaseImage, finding.remover.fromBaseImage]),
    ).toEqual([[true, true]]);
  });
});

describe('wasteNotes and placeWasteMarks', () => {
  const dockerfile = `FROM ubuntu:22.04\nWORKDIR /\n${UPDATE}\n${CLEAN}\n`;
  const { contents, entries } = image(dockerfile, [
    BASE,
    { createdBy: `RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit`, writes: LISTS },
    {
      createdBy: `RUN /bin/sh -c apt-get clean && rm -rf /var/lib/apt/lists/* # buildkit`,
      deletes: Object.keys(LISTS).filter((path) => !path.endsWith('curl')),
    },
  ]);
  const report = wasteReport(contents, entries, dockerfile);

  it('notes the writer and the remover on their history entries', () => {
    const notes = wasteNotes(report);
    expect([...notes.keys()]).toEqual([1, 2]);
    expect(notes.get(1)?.[0]).toMatchObject({ role: 'writer', bytes: 13 * MB, line: 3 });
    expect(notes.get(1)?.[0]?.message).toContain('13MB written here is deleted by line 4');
    expect(notes.get(2)?.[0]).toMatchObject({ role: 'remover', bytes: 13 * MB, line: 4 });
    expect(notes.get(2)?.[0]?.message).toBe(
      'Deletes 13MB written by line 3, too late: those bytes stay in that layer. Move this into the RUN on line 3.',
    );
  });

  it.each([
    { name: 'the file as built', text: dockerfile, lines: [3, 4] },
    {
      name: 'a line added above: the marks follow their lines',
      text: `FROM ubuntu:22.04\nENV A=1\nWORKDIR /\n${UPDATE}\n${CLEAN}\n`,
      lines: [4, 5],
    },
    {
      name: 'the cleanup moved into the RUN: the changed line gets no mark, the removed one none either',
      text: `FROM ubuntu:22.04\nWORKDIR /\n${UPDATE} && rm -rf /var/lib/apt/lists/*\n`,
      lines: [],
    },
    {
      name: 'the same text twice: no guessing',
      text: `FROM ubuntu:22.04\n${CLEAN}\n${UPDATE}\n${CLEAN}\n`,
      lines: [3, 4],
    },
    {
      name: 'the same text twice and moved: dropped',
      text: `${CLEAN}\nFROM ubuntu:22.04\n${UPDATE}\n\n${CLEAN}\n`,
      lines: [3],
    },
  ])('places marks on $name', ({ text, lines }) => {
    expect(placeWasteMarks(report, text).map((mark) => mark.line)).toEqual(lines);
  });
});
