import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const ruleFires = (ruleId: string, run: string) =>
  lintDockerfile(`FROM debian:12\n${run}\n`).some((finding) => finding.ruleId === ruleId);

describe('aptYesRule (DW005)', () => {
  it('counts quiet levels: two of them answer yes, one does not', () => {
    for (const run of [
      'RUN apt-get -q -q install x',
      'RUN apt-get install -qq x',
      'RUN apt-get --quiet=2 install x',
    ])
      expect(ruleFires('DW005', run), run).toBe(false);
    for (const run of [
      'RUN apt-get -q install x',
      'RUN apt-get install -q=1 x',
      'RUN apt-get -q=2 -q=1 install x',
    ])
      expect(ruleFires('DW005', run), run).toBe(true);
  });
});

describe('aptListsRule (DW007)', () => {
  it('checks aptitude update like apt-get update', () => {
    expect(ruleFires('DW007', 'RUN aptitude -q update && aptitude install -y x')).toBe(true);
    expect(ruleFires('DW007', 'RUN aptitude update && rm -rf /var/lib/apt/lists/*')).toBe(false);
  });

  it('checks ONBUILD RUN and offers the same fix', () => {
    const [finding] = lintDockerfile('FROM debian:12\nONBUILD RUN apt-get update\n').filter(
      (candidate) => candidate.ruleId === 'DW007',
    );
    expect(finding?.fix?.edits[0]?.newText).toBe('ONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*');
  });
});
