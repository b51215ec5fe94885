import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../../src/shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const of = (text: string, ruleId: string) =>
  lintDockerfile(text).filter((finding) => finding.ruleId === ruleId);

describe('sudoRule (DW023)', () => {
  it('removes sudo where the step provably runs as root, and the result lints clean of it', () => {
    const text = lines(
      'FROM debian:12-slim',
      'RUN apt-get update && sudo apt-get install -y curl',
      'USER app',
    );
    const [finding] = of(text, 'DW023');
    const fixed = applyFix(text, finding!.fix!);
    expect(fixed).toBe(
      lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl', 'USER app'),
    );
    expect(of(fixed, 'DW023')).toEqual([]);
  });

  it('fixes sudo and apt on one line of a long RUN by editing only that line', () => {
    const middle = Array.from({ length: 1_000 }, (_, n) => `    && sudo apt install -y tool${n} \\`);
    const text = lines('FROM ubuntu:24.04', 'RUN set -eux \\', ...middle, '    && echo done');
    const sudo = of(text, 'DW023');
    const apt = of(text, 'DW024');
    expect(sudo).toHaveLength(1_000);
    expect(apt).toHaveLength(1_000);
    // The first sudo may be removed; after it, the RUN itself may have installed sudo.
    expect(sudo[0]!.fix!.edits).toEqual([{ line: 3, endLine: 3, newText: '    && apt install -y tool0 \\' }]);
    expect(apt[500]!.fix!.edits).toEqual([
      { line: 503, endLine: 503, newText: '    && sudo apt-get install -y tool500 \\' },
    ]);
  });

  it('offers no fix when a USER other than root is in force', () => {
    const text = lines('FROM debian:12-slim', 'USER app', 'RUN sudo mkdir /data');
    expect(of(text, 'DW023')).toMatchObject([{ line: 3 }]);
    expect(of(text, 'DW023')[0]!.fix).toBeUndefined();
  });

  it('offers no fix on an image that may set its own user, or when the file installs sudo', () => {
    expect(of(lines('FROM cimg/base:2024.01', 'RUN sudo mkdir /data'), 'DW023')[0]!.fix).toBeUndefined();
    const installs = lines('FROM debian:12-slim', 'RUN apt-get install -y sudo && sudo mkdir /data');
    expect(of(installs, 'DW023')[0]!.fix).toBeUndefined();
  });

  it('offers no fix for sudo with options (sudo -u switches user)', () => {
    expect(
      of(lines('FROM debian:12-slim', 'RUN sudo -u nobody touch /tmp/x'), 'DW023')[0]!.fix,
    ).toBeUndefined();
  });

  it('does not mistake installing a package called sudo for running it', () => {
    expect(of(lines('FROM debian:12-slim', 'RUN apt-get install -y sudo'), 'DW023')).toEqual([]);
  });
});

describe('aptFrontEndRule (DW024)', () => {
  it('turns apt into apt-get for subcommands apt-get runs the same way', () => {
    const text = lines('FROM debian:12-slim', 'RUN apt install -y curl');
    const fixed = applyFix(text, of(text, 'DW024')[0]!.fix!);
    expect(fixed).toBe(lines('FROM debian:12-slim', 'RUN apt-get install -y curl'));
    expect(of(fixed, 'DW024')).toEqual([]);
  });

  it('only explains where apt-get behaves differently or has no such subcommand', () => {
    const upgrade = of(lines('FROM debian:12-slim', 'RUN apt upgrade -y'), 'DW024');
    expect(upgrade[0]!.fix).toBeUndefined();
    const search = of(lines('FROM debian:12-slim', 'RUN apt search curl'), 'DW024');
    expect(search[0]!.fix).toBeUndefined();
    expect(search[0]!.message).toContain('apt-cache search');
  });
});

describe('curlWgetRule (DW025)', () => {
  it('flags each RUN that adds the second tool, stage by stage', () => {
    const text = lines(
      'FROM debian:12-slim AS one',
      'RUN wget -q https://example.com/a',
      'RUN curl -fsSLO https://example.com/b',
      'FROM debian:12-slim',
      'RUN curl -fsSLO https://example.com/c',
    );
    expect(of(text, 'DW025').map((finding) => finding.line)).toEqual([3]);
  });
});
