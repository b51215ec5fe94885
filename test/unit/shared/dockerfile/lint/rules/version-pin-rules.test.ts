import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const of = (text: string, ruleId: string) =>
  lintDockerfile(text).filter((finding) => finding.ruleId === ruleId);

describe('version pin rules (DW017-DW022, DW030)', () => {
  it('tells how to look the version up in the base image, and offers no fix', () => {
    const [finding] = of(lines('FROM debian:12-slim', 'RUN apt-get install -y curl git'), 'DW017');
    expect(finding).toMatchObject({ severity: 'info' });
    expect(finding!.fix).toBeUndefined();
    expect(finding!.message).toContain('curl and git');
    expect(finding!.message).toContain('docker run --rm debian:12-slim');
    expect(finding!.message).toContain('apt-cache policy curl');
  });

  it('underlines the first unpinned package', () => {
    const text = lines('FROM alpine:3.20', 'RUN apk add --no-cache curl=8.9.1-r0 git');
    const [finding] = of(text, 'DW018');
    expect(text.split('\n')[1]!.slice(finding!.column! - 1, finding!.endColumn! - 1)).toBe('git');
  });

  it('reads option values as values, not packages', () => {
    expect(
      of(lines('FROM debian:12', 'RUN apt-get install -y -t bookworm-backports curl=8.1'), 'DW017'),
    ).toEqual([]);
    expect(of(lines('FROM ruby:3.3', 'RUN gem install --no-document rails'), 'DW021')).toHaveLength(1);
    expect(
      of(
        lines('FROM python:3.12', 'RUN pip install --index-url https://x.test/simple flask==3.0.3'),
        'DW019',
      ),
    ).toEqual([]);
  });

  it('does not read redirections as packages', () => {
    expect(of(lines('FROM python:3.12', 'RUN pip install flask==3.0.3 > /tmp/log 2>&1'), 'DW019')).toEqual(
      [],
    );
  });

  it('treats @latest as no version for npm and go', () => {
    expect(of(lines('FROM node:22', 'RUN npm install -g npm@latest'), 'DW020')).toHaveLength(1);
    expect(of(lines('FROM golang:1.23', 'RUN go install example.com/tool@latest'), 'DW022')).toHaveLength(1);
  });

  it('checks ONBUILD RUN triggers like RUN', () => {
    expect(of(lines('FROM python:3.12', 'ONBUILD RUN pip install flask'), 'DW019')).toHaveLength(1);
  });

  it('accepts a dnf version held in an ENV of the stage, not one of another stage', () => {
    const own = lines('FROM fedora:40', 'ENV V=2.46.0', 'RUN dnf install -y git-${V}');
    expect(of(own, 'DW030')).toEqual([]);
    const other = lines(
      'FROM fedora:40 AS a',
      'ENV V=2.46.0',
      'FROM fedora:40',
      'RUN dnf install -y git-${V}',
    );
    expect(of(other, 'DW030')).toHaveLength(1);
  });
});
