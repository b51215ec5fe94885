import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { proposeWasteFix } from '../../../../src/shared/layers/waste-fixes';
import type { WasteFinding, WastePlace } from '../../../../src/shared/layers/waste-report';

type Kind = WasteFinding['kinds'][number];

/** A place on `line` of `text` as the build recorded it (`'base'`: a base image layer). */
function place(text: string, line: number | 'base', layerIndex: number): WastePlace {
  if (line === 'base')
    return { layerIndex, historyIndex: 0, line: null, lineText: null, instruction: '', fromBaseImage: true };
  const lineText = text.split(/\r?\n/)[line - 1]!.trim();
  return {
    layerIndex,
    historyIndex: layerIndex,
    line,
    lineText,
    instruction: lineText,
    fromBaseImage: false,
  };
}

function finding(
  text: string,
  writer: number | 'base',
  remover: number,
  options: { how?: WasteFinding['how']; kinds?: Kind[]; paths?: string[]; builtText?: string } = {},
): WasteFinding {
  const built = options.builtText ?? text;
  return {
    bytes: 3_000_000,
    how: options.how ?? 'deleted',
    kinds: options.kinds ?? ['deleted-later'],
    writer: place(built, writer, 1),
    remover: place(built, remover, 2),
    paths: options.paths ?? [],
  };
}

const lines = (...all: string[]): string => `${all.join('\n')}\n`;

/** Dockerfile, the finding's lines and kind → the fixed file. */
const FIXED: {
  name: string;
  text: string;
  writer: number;
  remover: number;
  how?: WasteFinding['how'];
  kinds?: Kind[];
  paths?: string[];
  expected: string;
  ownersUnder?: string;
}[] = [
  {
    name: 'apt lists removed by the next RUN: the rm joins the RUN that downloaded them, the later RUN goes',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y curl',
      'RUN rm -rf /var/lib/apt/lists/*',
      'CMD ["curl"]',
    ),
    writer: 2,
    remover: 3,
    kinds: ['apt-lists'],
    expected: lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'CMD ["curl"]',
    ),
  },
  {
    name: 'a writer on continuation lines gets a continuation line of its own; comments between instructions stay',
    text: lines(
      'FROM debian:bookworm',
      '# install tools',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl',
      '',
      '# clean up',
      'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
      'USER nobody',
    ),
    writer: 3,
    remover: 7,
    kinds: ['apt-lists'],
    expected: lines(
      'FROM debian:bookworm',
      '# install tools',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && apt-get clean && rm -rf /var/lib/apt/lists/*',
      '',
      '# clean up',
      'USER nobody',
    ),
  },
  {
    name: 'a comment line inside the removed RUN goes with it',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'RUN apt-get clean \\',
      '# lists too',
      '    && rm -rf /var/lib/apt/lists/*',
    ),
    writer: 2,
    remover: 3,
    kinds: ['apt-lists'],
    expected: lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get clean && rm -rf /var/lib/apt/lists/*',
    ),
  },
  {
    name: 'a created archive: the rm moves, the unrelated rest of the later RUN stays',
    text: lines(
      'FROM busybox',
      'RUN head -c 5000000 /dev/urandom > /tmp/data.tar',
      'RUN adduser -D app && rm -f /tmp/data.tar',
    ),
    writer: 2,
    remover: 3,
    paths: ['/tmp/data.tar'],
    expected: lines(
      'FROM busybox',
      'RUN head -c 5000000 /dev/urandom > /tmp/data.tar && rm -f /tmp/data.tar',
      'RUN adduser -D app',
    ),
  },
  {
    name: 'a cleanup first in the later RUN goes with the && after it',
    text: lines(
      'FROM busybox',
      'RUN wget -O /tmp/app.tgz http://example.test/app.tgz',
      'RUN rm /tmp/app.tgz && adduser -D app',
    ),
    writer: 2,
    remover: 3,
    expected: lines(
      'FROM busybox',
      'RUN wget -O /tmp/app.tgz http://example.test/app.tgz && rm /tmp/app.tgz',
      'RUN adduser -D app',
    ),
  },
  {
    name: 'a cleanup on its own continuation line leaves no empty continuation behind',
    text: lines(
      'FROM python:3.12-slim',
      'RUN pip install flask',
      'RUN useradd app \\',
      '    && rm -rf /root/.cache/pip',
    ),
    writer: 2,
    remover: 3,
    expected: lines(
      'FROM python:3.12-slim',
      'RUN pip install flask && rm -rf /root/.cache/pip',
      'RUN useradd app',
    ),
  },
  {
    name: 'two cleanups between kept commands go together',
    text: lines(
      'FROM node:20',
      'RUN npm ci',
      'RUN useradd app && npm cache clean --force && rm -rf /root/.npm && chown app /srv',
    ),
    writer: 2,
    remover: 3,
    expected: lines(
      'FROM node:20',
      'RUN npm ci && npm cache clean --force && rm -rf /root/.npm',
      'RUN useradd app && chown app /srv',
    ),
  },
  {
    name: 'instructions between that cannot touch the files do not stop the move',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'ENV LANG=C.UTF-8',
      'COPY app.py /app/',
      'RUN rm -rf /var/lib/apt/lists/*',
    ),
    writer: 2,
    remover: 5,
    kinds: ['apt-lists'],
    expected: lines(
      'FROM debian:bookworm',
      'RUN apt-get update && rm -rf /var/lib/apt/lists/*',
      'ENV LANG=C.UTF-8',
      'COPY app.py /app/',
    ),
  },
  {
    name: 'the escape directive`s character continues the added line',
    text: lines(
      '# escape=`',
      'FROM debian:bookworm',
      'RUN apt-get update `',
      '    && apt-get install -y curl',
      'RUN rm -rf /var/lib/apt/lists/*',
    ),
    writer: 3,
    remover: 5,
    kinds: ['apt-lists'],
    expected: lines(
      '# escape=`',
      'FROM debian:bookworm',
      'RUN apt-get update `',
      '    && apt-get install -y curl `',
      '    && rm -rf /var/lib/apt/lists/*',
    ),
  },
  {
    name: 'a recursive chown of what a COPY wrote becomes COPY --chown',
    text: lines(
      'FROM busybox',
      'RUN adduser -D app',
      'COPY site/ /srv/site/',
      'RUN chown -R app:app /srv/site',
    ),
    writer: 3,
    remover: 4,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    expected: lines('FROM busybox', 'RUN adduser -D app', 'COPY --chown=app:app site/ /srv/site/'),
    ownersUnder: '/srv/site',
  },
  {
    name: 'a recursive chmod with an octal mode becomes --chmod; a LABEL between is harmless',
    text: lines(
      'FROM busybox',
      'COPY bin /opt/bin',
      'LABEL tools=1',
      'RUN chmod -R 755 /opt/bin/',
      'CMD ["sh"]',
    ),
    writer: 2,
    remover: 4,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    expected: lines('FROM busybox', 'COPY --chmod=755 bin /opt/bin', 'LABEL tools=1', 'CMD ["sh"]'),
    ownersUnder: '/opt/bin',
  },
  {
    name: 'chown and chmod of the same path become both flags; ADD keeps its other flags',
    text: lines(
      'FROM busybox',
      'ADD --link app.tar /app',
      'RUN chown --recursive 1000 /app && chmod -R 0700 /app',
    ),
    writer: 2,
    remover: 3,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    expected: lines('FROM busybox', 'ADD --chown=1000 --chmod=0700 --link app.tar /app'),
    ownersUnder: '/app',
  },
];

/** Dockerfile and finding → why no fix is offered (a part of the sentence). */
const REFUSED: {
  name: string;
  text: string;
  writer: number | 'base';
  remover: number;
  how?: WasteFinding['how'];
  kinds?: Kind[];
  builtText?: string;
  reason: string;
}[] = [
  {
    name: 'the later RUN still installs with the lists it deletes',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    ),
    writer: 2,
    remover: 3,
    reason: 'Line 3 does more than clean up: `apt-get install -y curl` there may still need the files',
  },
  {
    name: 'the later RUN unpacks the archive it then deletes',
    text: lines(
      'FROM busybox',
      'RUN wget -O /tmp/app.tar http://example.test/app.tar',
      'RUN tar -xf /tmp/app.tar -C /opt && rm /tmp/app.tar',
    ),
    writer: 2,
    remover: 3,
    reason: '`tar -xf /tmp/app.tar -C /opt` there may still need the files',
  },
  {
    name: 'a RUN between them installs with the lists',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'RUN apt-get install -y curl',
      'RUN rm -rf /var/lib/apt/lists/*',
    ),
    writer: 2,
    remover: 4,
    reason: 'Line 3 runs `apt-get install -y curl` between them',
  },
  {
    name: 'the later RUN does something else entirely',
    text: lines('FROM busybox', 'RUN head -c 100 /dev/urandom > /data.bin', 'RUN ./cleanup.sh'),
    writer: 2,
    remover: 3,
    reason: 'Line 3 does more than clean up: none of its commands is a known cleanup',
  },
  {
    name: 'the later RUN joins its commands with ;',
    text: lines(
      'FROM busybox',
      'RUN head -c 100 /dev/urandom > /tmp/a.tar',
      'RUN rm /tmp/a.tar; adduser -D app',
    ),
    writer: 2,
    remover: 3,
    reason: 'with ;, || or | between its commands',
  },
  {
    name: 'a COPY wrote the files',
    text: lines('FROM busybox', 'COPY big.tar /tmp/', 'RUN rm /tmp/big.tar'),
    writer: 2,
    remover: 3,
    reason: 'Line 2 copies the files in (COPY) and cannot delete them',
  },
  {
    name: 'the writer is a heredoc',
    text: lines(
      'FROM debian:bookworm',
      'RUN <<EOF',
      'apt-get update',
      'EOF',
      'RUN rm -rf /var/lib/apt/lists/*',
    ),
    writer: 2,
    remover: 5,
    reason: 'it is a heredoc',
  },
  {
    name: 'the remover is in exec form',
    text: lines('FROM debian:bookworm', 'RUN apt-get update', 'RUN ["rm", "-rf", "/var/lib/apt/lists"]'),
    writer: 2,
    remover: 3,
    reason: 'Line 3 deletes the files, but it is in exec form',
  },
  {
    name: 'the writer ends in a shell comment',
    text: lines('FROM debian:bookworm', 'RUN apt-get update # refresh', 'RUN rm -rf /var/lib/apt/lists/*'),
    writer: 2,
    remover: 3,
    reason: 'ends in a shell comment',
  },
  {
    name: 'USER between them',
    text: lines('FROM debian:bookworm', 'RUN apt-get update', 'USER app', 'RUN rm -rf /var/lib/apt/lists/*'),
    writer: 2,
    remover: 4,
    reason: 'Line 3 (USER) between them',
  },
  {
    name: 'ENV between them and a cleanup path under ~',
    text: lines('FROM python:3.12', 'RUN pip install flask', 'ENV HOME=/home/app', 'RUN rm -rf ~/.cache/pip'),
    writer: 2,
    remover: 4,
    reason: "Line 3 (ENV) between them changes what the cleanup's paths mean",
  },
  {
    name: 'the files come from the base image',
    text: lines('FROM debian:bookworm', 'RUN rm -rf /var/lib/apt/lists/*'),
    writer: 'base',
    remover: 2,
    reason: 'The files come from the base image',
  },
  {
    name: 'the line was edited since the build',
    text: lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y curl',
      'RUN rm -rf /var/lib/apt/lists/*',
    ),
    builtText: lines('FROM debian:bookworm', 'RUN apt-get update', 'RUN rm -rf /var/lib/apt/lists/*'),
    writer: 2,
    remover: 3,
    reason: 'Line 2 of the build is not in the file as it is now',
  },
  {
    name: 'chown of a folder above the COPY destination',
    text: lines('FROM busybox', 'COPY site/ /srv/site/', 'RUN chown -R app /srv'),
    writer: 2,
    remover: 3,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    reason: 'Line 3 changes /srv, not exactly /srv/site',
  },
  {
    name: 'chown plus another command',
    text: lines('FROM node:20', 'COPY . /app', 'RUN chown -R node /app && npm ci'),
    writer: 2,
    remover: 3,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    reason: 'does more than a recursive chown or chmod',
  },
  {
    name: 'a RUN between the COPY and the chown (it may create the user)',
    text: lines('FROM busybox', 'COPY . /app', 'RUN adduser -D app', 'RUN chown -R app /app'),
    writer: 2,
    remover: 4,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    reason: 'Line 3 (RUN) between them',
  },
  {
    name: 'a symbolic chmod mode',
    text: lines('FROM busybox', 'COPY bin /opt/bin', 'RUN chmod -R +x /opt/bin'),
    writer: 2,
    remover: 3,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    reason: 'does more than a recursive chown or chmod',
  },
  {
    name: 'a relative COPY destination',
    text: lines('FROM busybox', 'WORKDIR /app', 'COPY . .', 'RUN chown -R app /app'),
    writer: 3,
    remover: 4,
    how: 'overwritten',
    kinds: ['overwritten-later'],
    reason: 'copies to a relative path',
  },
  {
    name: 'the same files copied twice',
    text: lines('FROM busybox', 'COPY . /app', 'COPY . /app'),
    writer: 2,
    remover: 3,
    how: 'overwritten',
    kinds: ['copied-twice'],
    reason: 'copies the same files again',
  },
];

describe('proposeWasteFix', () => {
  it.each(FIXED)('$name', ({ text, writer, remover, how, kinds, paths, expected, ownersUnder }) => {
    const proposal = proposeWasteFix(
      text,
      finding(text, writer, remover, {
        ...(how ? { how } : {}),
        ...(kinds ? { kinds } : {}),
        ...(paths ? { paths } : {}),
      }),
    );
    expect(proposal.reason).toBeNull();
    expect(proposal.fix?.text).toBe(expected);
    expect(proposal.fix?.lines).toEqual({ writer, remover });
    // Only a --chown/--chmod fix names a path whose owners Verify compares: the COPY's destination.
    expect(proposal.fix?.ownersUnder).toBe(ownersUnder ?? null);
    // The fixed file is still one BuildKit accepts.
    expect(analyzeDockerfile(proposal.fix!.text).errors).toEqual([]);
  });

  it.each(REFUSED)('offers no fix when $name', ({ text, writer, remover, how, kinds, builtText, reason }) => {
    const proposal = proposeWasteFix(
      text,
      finding(text, writer, remover, {
        ...(how ? { how } : {}),
        ...(kinds ? { kinds } : {}),
        ...(builtText ? { builtText } : {}),
      }),
    );
    expect(proposal.fix).toBeNull();
    expect(proposal.reason).toContain(reason);
  });

  it('offers no fix when the later RUN also deletes files another line wrote', () => {
    const text = lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'RUN head -c 100 /dev/urandom > /tmp/a.tar',
      'RUN rm -rf /var/lib/apt/lists/* /tmp/a.tar',
    );
    const lists = finding(text, 2, 4);
    const archive = finding(text, 3, 4);
    expect(proposeWasteFix(text, lists, [lists, archive]).reason).toContain(
      'Line 4 also deletes files written by line 3',
    );
  });

  it('keeps CRLF line breaks in the fixed text', () => {
    const text = 'FROM debian:bookworm\r\nRUN apt-get update\r\nRUN rm -rf /var/lib/apt/lists/*\r\n';
    const proposal = proposeWasteFix(text, finding(text, 2, 3));
    expect(proposal.fix?.text).toBe(
      'FROM debian:bookworm\r\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\r\n',
    );
  });

  it('finds a line that moved since the build by its text', () => {
    const built = lines('FROM debian:bookworm', 'RUN apt-get update', 'RUN rm -rf /var/lib/apt/lists/*');
    const now = lines(
      'FROM debian:bookworm',
      'LABEL a=b',
      'RUN apt-get update',
      'RUN rm -rf /var/lib/apt/lists/*',
    );
    const proposal = proposeWasteFix(now, finding(now, 2, 3, { builtText: built }));
    expect(proposal.fix?.lines).toEqual({ writer: 3, remover: 4 });
  });

  it('describes the fix as a line diff with the numbers before and after', () => {
    const text = lines(
      'FROM debian:bookworm',
      'RUN apt-get update',
      'RUN rm -rf /var/lib/apt/lists/*',
      'CMD ["bash"]',
    );
    const fix = proposeWasteFix(text, finding(text, 2, 3)).fix!;
    expect(fix.title).toBe('Move `rm -rf /var/lib/apt/lists/*` into the RUN on line 2');
    expect(fix.diff).toEqual([
      { kind: 'same', text: 'FROM debian:bookworm', before: 1, after: 1 },
      { kind: 'removed', text: 'RUN apt-get update', before: 2, after: null },
      { kind: 'added', text: 'RUN apt-get update && rm -rf /var/lib/apt/lists/*', before: null, after: 2 },
      { kind: 'removed', text: 'RUN rm -rf /var/lib/apt/lists/*', before: 3, after: null },
      { kind: 'same', text: 'CMD ["bash"]', before: 4, after: 3 },
    ]);
  });
});
