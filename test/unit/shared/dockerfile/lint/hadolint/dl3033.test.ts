// Ported from hadolint test/Hadolint/Rule/DL3033Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 23 cases, as DW030 (pin yum package versions).
import { describe, expect, it } from 'vitest';
import {
  catches,
  catchesNot,
  onBuildCatches,
  onBuildCatchesNot,
  differs,
  runSpecTable,
} from './hadolint-table';

describe('hadolint DL3033 as DW030: pin yum package versions', () => {
  const count = runSpecTable({ ruleId: 'DW030', from: 'FROM rockylinux:9' }, [
    catches('RUN yum install -y tomcat && yum clean all'),
    onBuildCatches('RUN yum install -y tomcat && yum clean all'),
    catchesNot('RUN yum install -y tomcat-9.2 && yum clean all'),
    catchesNot('RUN bash -c `# not even a yum command`'),
    onBuildCatchesNot('RUN yum install -y tomcat-9.2 && yum clean all'),
    onBuildCatchesNot('RUN bash -c `# not even a yum command`'),
    catchesNot('RUN yum install -y openssl-1:1.1.1k'),
    onBuildCatchesNot('RUN yum install -y openssl-1:1.1.1k'),
    catchesNot('RUN yum install -y rpm-sign-4.16.1.3'),
    onBuildCatchesNot('RUN yum install -y rpm-sign-4.16.1.3'),
    catchesNot('RUN yum install -y gcc-c++-1.1.1'),
    onBuildCatchesNot('RUN yum install -y gcc-c++-1.1.1'),
    catches('RUN yum module install -y tomcat && yum clean all'),
    onBuildCatches('RUN yum module install -y tomcat && yum clean all'),
    catchesNot('RUN yum module install -y tomcat:9 && yum clean all'),
    catchesNot('RUN bash -c `# not even a yum command`'),
    onBuildCatchesNot('RUN yum module install -y tomcat:9 && yum clean all'),
    onBuildCatchesNot('RUN bash -c `# not even a yum command`'),
    catchesNot('ENV version=2.51.0-2.fc42\nRUN yum -y install git-core-${version}\n'),
    catchesNot('ARG version=2.51.0-2.fc42\nRUN yum -y install git-core-$version\n'),
    differs(
      catchesNot(
        'FROM fedora:fc42 AS build\nARG version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN yum -y install git-core-${version}\n',
      ),
      1,
      'An ARG declared in another stage is out of scope here: the builder expands ${version} to nothing, so nothing is pinned.',
    ),
    catchesNot(
      'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN yum -y install git-core-${version}\n',
    ),
    catches(
      'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN yum -y install git-core-${version}\n',
    ),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(23));
});
