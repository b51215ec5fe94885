// Ported from hadolint test/Hadolint/Rule/DL3036Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 11 cases, as DW029 (clean the zypper cache).
import { describe, expect, it } from 'vitest';
import { catches, catchesNot, onBuildCatches, onBuildCatchesNot, runSpecTable } from './hadolint-table';

describe('hadolint DL3036 as DW029: clean the zypper cache', () => {
  const count = runSpecTable({ ruleId: 'DW029', from: 'FROM opensuse/leap:15.6' }, [
    catches('RUN zypper install -y mariadb=10.4'),
    onBuildCatches('RUN zypper install -y mariadb=10.4'),
    catchesNot('RUN zypper install -y mariadb=10.4 && zypper clean'),
    catchesNot('RUN zypper install -y mariadb=10.4 && zypper cc'),
    onBuildCatchesNot('RUN zypper install -y mariadb=10.4 && zypper clean'),
    onBuildCatchesNot('RUN zypper install -y mariadb=10.4 && zypper cc'),
    catches('RUN zypper clean && zypper install -y mariadb=10.4'),
    catchesNot('RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb'),
    onBuildCatchesNot('RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb'),
    catchesNot('RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb'),
    onBuildCatchesNot('RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb'),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(11));
});
