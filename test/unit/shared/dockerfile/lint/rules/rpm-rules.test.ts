import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../../src/shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const of = (text: string, ruleId: string) =>
  lintDockerfile(text).filter((finding) => finding.ruleId === ruleId);

describe('rpmYesRule (DW028)', () => {
  it('adds -y right after yum and dnf, in every command of the RUN', () => {
    const text = lines(
      'FROM rockylinux:9',
      'RUN yum install httpd-2.4.57 && yum remove nano && yum clean all',
    );
    const fixed = applyFix(text, of(text, 'DW028')[0]!.fix!);
    expect(fixed).toBe(
      lines('FROM rockylinux:9', 'RUN yum -y install httpd-2.4.57 && yum -y remove nano && yum clean all'),
    );
    expect(of(fixed, 'DW028')).toEqual([]);
  });

  it('makes zypper non-interactive with its global option, which every subcommand takes', () => {
    const text = lines('FROM opensuse/leap:15.6', 'RUN zypper patch && zypper clean');
    const fixed = applyFix(text, of(text, 'DW028')[0]!.fix!);
    expect(fixed).toBe(
      lines('FROM opensuse/leap:15.6', 'RUN zypper --non-interactive patch && zypper clean'),
    );
    expect(of(fixed, 'DW028')).toEqual([]);
  });

  it('leaves commands that ask nothing alone', () => {
    expect(of(lines('FROM fedora:40', 'RUN dnf makecache && dnf clean all'), 'DW028')).toEqual([]);
  });
});

describe('rpmCacheRule (DW029)', () => {
  it('appends the clean-up of the same tool, on the continued line layout of the RUN', () => {
    const text = lines('FROM fedora:40', 'RUN microdnf install -y nginx-1.26.2 \\', '    && echo done');
    const fixed = applyFix(text, of(text, 'DW029')[0]!.fix!);
    expect(fixed).toBe(
      lines(
        'FROM fedora:40',
        'RUN microdnf install -y nginx-1.26.2 \\',
        '    && echo done \\',
        '    && microdnf clean all',
      ),
    );
    expect(of(fixed, 'DW029')).toEqual([]);
  });

  it('offers no fix when the install runs through sudo', () => {
    const [finding] = of(lines('FROM fedora:40', 'RUN sudo dnf install -y nginx-1.26.2'), 'DW029');
    expect(finding!.fix).toBeUndefined();
  });

  it('ignores stages that do not ship, and a cache mount over the cache', () => {
    expect(
      of(lines('FROM fedora:40 AS build', 'RUN dnf install -y gcc-14.2.1', 'FROM scratch'), 'DW029'),
    ).toEqual([]);
    const mounted = lines(
      'FROM fedora:40',
      'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc-14.2.1',
    );
    expect(of(mounted, 'DW029')).toEqual([]);
  });
});
