// Ported from hadolint test/Hadolint/Rule/DL3008Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 14 cases, as DW017 (pin apt package versions).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

const unlines = (...lines: string[]): string => `${lines.join('\n')}\n`;
const chained = unlines(
  'RUN apt-get update \\',
  ' && apt-get -yqq --no-install-recommends install nodejs=0.10 \\',
  ' && rm -rf /var/lib/apt/lists/*',
);
const regression = unlines(
  'RUN apt-get update && apt-get install --no-install-recommends -y \\',
  'python-demjson=2.2.2* \\',
  'wget=1.16.1* \\',
  'git=1:2.5.0* \\',
  'ruby=1:2.1.*',
);
const targetRelease = unlines(
  'RUN set -e &&\\',
  ' echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\',
  ' apt-get update &&\\',
  ' apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\',
  ' rm -rf /var/lib/apt/lists/*',
);

describe('hadolint DL3008 as DW017: pin versions in apt-get install', () => {
  const count = runSpecTable({ ruleId: 'DW017', from: 'FROM debian:12-slim' }, [
    catches('RUN apt-get update && apt-get install python'),
    onBuildCatches('RUN apt-get update && apt-get install python'),
    catchesNot(chained),
    onBuildCatchesNot(chained),
    catchesNot(regression),
    onBuildCatchesNot(regression),
    catchesNot('RUN apt-get install -y python=1.2.2'),
    onBuildCatchesNot('RUN apt-get install -y python=1.2.2'),
    catchesNot('RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb'),
    onBuildCatchesNot('RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb'),
    catchesNot('RUN apt-get -y --no-install-recommends install nodejs=0.10'),
    onBuildCatchesNot('RUN apt-get -y --no-install-recommends install nodejs=0.10'),
    catchesNot(targetRelease),
    onBuildCatchesNot(targetRelease),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(14));
});
