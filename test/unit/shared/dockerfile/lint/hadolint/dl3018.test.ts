// Ported from hadolint test/Hadolint/Rule/DL3018Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 28 cases, as DW018 (pin apk package versions).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

const unlines = (...lines: string[]): string => `${lines.join('\n')}\n`;
const chained = unlines('RUN apk add --no-cache flex=2.6.4-r1 \\', ' && pip install -r requirements.txt');
const regression = unlines(
  'RUN apk add --no-cache \\',
  'flex=2.6.4-r1 \\',
  'libffi=3.2.1-r3 \\',
  'python2=2.7.13-r1 \\',
  'libbz2=1.0.6-r5',
);
const fuzzy = unlines(
  'RUN apk add --no-cache \\',
  '  "flex>=2.6.1-r1" \\',
  '  "libffi~3.2.1" \\',
  '  "python3<3.6.12-r2" \\',
  '  "libbz2=~1.0.6-r4"',
);
const oneMissed = unlines(
  'RUN apk add --no-cache \\',
  'flex=2.6.4-r1 \\',
  'libffi \\',
  'python2=2.7.13-r1 \\',
  'libbz2=1.0.6-r5',
);
const virtual = unlines(
  'RUN apk add \\',
  '--virtual build-dependencies \\',
  'python-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\',
  '&& pip install -r requirements.txt \\',
  '&& python setup.py install \\',
  '&& apk del build-dependencies',
);
const repository = unlines(
  'RUN apk add --no-cache \\',
  '--repository https://nl.alpinelinux.org/alpine/edge/testing \\',
  'flow=0.78.0-r0',
);
const repositoryEquals = unlines(
  'RUN apk add --no-cache \\',
  '--repository=https://nl.alpinelinux.org/alpine/edge/testing \\',
  'flow=0.78.0-r0',
);
const repositoryShort = unlines(
  'RUN apk add --no-cache \\',
  '-X https://nl.alpinelinux.org/alpine/edge/testing \\',
  'flow=0.78.0-r0',
);

describe('hadolint DL3018 as DW018: pin versions in apk add', () => {
  const count = runSpecTable({ ruleId: 'DW018', from: 'FROM alpine:3.20' }, [
    catches('RUN apk add flex'),
    onBuildCatches('RUN apk add flex'),
    catchesNot('RUN apk add flex=2.6.4-r1'),
    onBuildCatchesNot('RUN apk add flex=2.6.4-r1'),
    catchesNot('RUN apk add --no-cache git~2.52.0'),
    onBuildCatchesNot('RUN apk add --no-cache git~2.52.0'),
    catchesNot('RUN apk add --no-cache git~=2.52'),
    catchesNot('RUN apk add --no-cache git=~2.52'),
    onBuildCatchesNot('RUN apk add --no-cache git~=2.52'),
    onBuildCatchesNot('RUN apk add --no-cache git=~2.52'),
    catchesNot(chained),
    onBuildCatchesNot(chained),
    catchesNot(regression),
    onBuildCatchesNot(regression),
    catchesNot(fuzzy),
    onBuildCatchesNot(fuzzy),
    catches(oneMissed),
    onBuildCatches(oneMissed),
    catchesNot(virtual),
    onBuildCatchesNot(virtual),
    catchesNot(repository),
    onBuildCatchesNot(repository),
    catchesNot(repositoryEquals),
    onBuildCatchesNot(repositoryEquals),
    catchesNot(repositoryShort),
    onBuildCatchesNot(repositoryShort),
    catchesNot('RUN apk add mypackage-1.1.1.apk'),
    onBuildCatchesNot('RUN apk add mypackage-1.1.1.apk'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(28));
});
