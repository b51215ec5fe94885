// Ported from hadolint test/Hadolint/Rule/DL3041Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 45 cases, as DW030 (pin dnf package versions).
import { describe, expect, it } from 'vitest';
import {
  catches,
  catchesNot,
  onBuildCatches,
  onBuildCatchesNot,
  differs,
  runSpecTable,
} from './hadolint-table';

describe('hadolint DL3041 as DW030: pin dnf package versions', () => {
  const count = runSpecTable({ ruleId: 'DW030', from: 'FROM fedora:40' }, [
    catches('RUN dnf install -y tomcat && dnf clean all'),
    catches('RUN microdnf install -y tomcat && microdnf clean all'),
    onBuildCatches('RUN dnf install -y tomcat && dnf clean all'),
    catches('RUN dnf install -y rpm-sign && dnf clean all'),
    catches('RUN microdnf install -y rpm-sign && microdnf clean all'),
    onBuildCatches('RUN dnf install -y rpm-sign && dnf clean all'),
    catchesNot('RUN dnf install -y tomcat-9.0.1 && dnf clean all'),
    catchesNot('RUN microdnf install -y tomcat-9.0.1 && microdnf clean all'),
    onBuildCatchesNot('RUN dnf install -y tomcat-9.0.1 && dnf clean all'),
    onBuildCatchesNot('RUN microdnf install -y tomcat-9.0.1 && microdnf clean all'),
    catchesNot('RUN notdnf install openssl-1:1.1.1k'),
    onBuildCatchesNot('RUN notdnf install openssl-1:1.1.1k'),
    catchesNot('RUN notdnf install tomcat'),
    onBuildCatchesNot('RUN notdnf install tomcat'),
    catchesNot('RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all'),
    catchesNot('RUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all'),
    onBuildCatchesNot('RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all'),
    onBuildCatchesNot('RUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all'),
    catchesNot('RUN dnf install -y gcc-c++-1.1.1'),
    catchesNot('RUN microdnf install -y gcc-c++-1.1.1'),
    onBuildCatchesNot('RUN dnf install -y gcc-c++-1.1.1'),
    onBuildCatchesNot('RUN microdnf install -y gcc-c++-1.1.1'),
    catchesNot('RUN dnf install -y openssl-1:1.1.1k'),
    catchesNot('RUN microdnf install -y openssl-1:1.1.1k'),
    onBuildCatchesNot('RUN dnf install -y openssl-1:1.1.1k'),
    onBuildCatchesNot('RUN microdnf install -y openssl-1:1.1.1k'),
    catches('RUN dnf module install -y tomcat && dnf clean all'),
    catches('RUN microdnf module install -y tomcat && microdnf clean all'),
    onBuildCatches('RUN dnf module install -y tomcat && dnf clean all'),
    catchesNot('RUN dnf module install -y tomcat:9 && dnf clean all'),
    catchesNot('RUN microdnf module install -y tomcat:9 && microdnf clean all'),
    catchesNot('RUN notdnf module install tomcat'),
    onBuildCatchesNot('RUN dnf module install -y tomcat:9 && dnf clean all'),
    onBuildCatchesNot('RUN microdnf module install -y tomcat:9 && microdnf clean all'),
    onBuildCatchesNot('RUN notdnf module install tomcat'),
    catchesNot('RUN dnf -y group install "Development Tools"'),
    catchesNot('RUN dnf -y --setopt=group_package_types="mandatory" group install "Development Tools"'),
    catchesNot('RUN dnf group install -y "Development Tools" && dnf clean all'),
    catchesNot('RUN microdnf group install -y "Development Tools" && microdnf clean all'),
    onBuildCatchesNot('RUN dnf -y group install "Development Tools"'),
    catchesNot('ENV version=2.51.0-2.fc42\nRUN dnf -y install git-core-${version}\n'),
    catchesNot('ARG version=2.51.0-2.fc42\nRUN dnf -y install git-core-$version\n'),
    differs(
      catchesNot(
        'FROM fedora:fc42 AS build\nARG version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN dnf -y install git-core-${version}\n',
      ),
      1,
      'An ARG declared in another stage is out of scope here: the builder expands ${version} to nothing, so nothing is pinned.',
    ),
    catchesNot(
      'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN dnf -y install git-core-${version}\n',
    ),
    catches(
      'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN dnf -y install git-core-${version}\n',
    ),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(45));
});
