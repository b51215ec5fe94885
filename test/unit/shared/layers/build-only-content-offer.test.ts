import { describe, expect, it } from 'vitest';
import type { BuildOnlyReport } from '../../../../src/shared/layers/build-only-content';
import {
  isMultiStage,
  multiStageOffer,
  trialSummary,
  type OfferBuild,
} from '../../../../src/shared/layers/build-only-content-offer';
import { generateDockerfile } from '../../../../src/shared/wizard/generate-dockerfile';
import type { ProjectDetection } from '../../../../src/shared/wizard/project-detection';
import type { RunCheckResult } from '../../../../src/shared/wizard/run-check';
import type { TemplateId } from '../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../src/shared/wizard/wizard-templates';

const report = (worthSplitting: boolean): BuildOnlyReport => ({
  imageId: 'sha256:x',
  imageBytes: 100_000_000,
  totalBytes: worthSplitting ? 60_000_000 : 1_000,
  items: [],
  sources: [],
  worthSplitting,
  suggestion: null,
  notes: [],
});
const BUILD: OfferBuild = {
  buildId: 'b1',
  contextDir: '/work/app',
  dockerfilePath: '/work/app/Dockerfile',
  dockerfileText: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
};
const detection = <T extends TemplateId>(
  template: T,
  stack: string[],
  change = (_: object) => {},
): ProjectDetection => {
  const answers = defaultAnswers(template);
  change(answers);
  return { template, answers, evidence: [], language: null, stack, suggestions: {} };
};

describe('isMultiStage', () => {
  it.each([
    ['FROM a\nRUN x\n', false],
    ['FROM a AS build\nRUN x\nFROM b\nCOPY --from=build /x /x\n', true],
    ['from a as b\n  from c\n', true],
    ['FROM a\n# FROM b\n', false],
  ])('%j → %s', (text, expected) => {
    expect(isMultiStage(text)).toBe(expected);
  });
});

describe('multiStageOffer', () => {
  it('offers the wizard’s multi-stage Dockerfile for a Go folder, with what Try it checks', () => {
    const found = detection('go', ['Go'], (answers) => Object.assign(answers, { port: 8080 }));
    const { offer, offerNote } = multiStageOffer(report(true), BUILD, found);
    expect(offerNote).toBeNull();
    expect(offer).toMatchObject({
      buildId: 'b1',
      template: 'go',
      stack: ['Go'],
      currentText: BUILD.dockerfileText,
      proposedText: generateDockerfile(found.answers),
      checkText: 'a server answers on port 8080 within 30 s',
    });
    expect(isMultiStage(offer!.proposedText)).toBe(true);
  });

  it.each(['rust', 'dotnet', 'java'] as const)(
    'offers one for %s, whose template always has a build stage',
    (template) => {
      expect(multiStageOffer(report(true), BUILD, detection(template, [template])).offer?.template).toBe(
        template,
      );
    },
  );

  it('offers one for Node only when the project has a build script', () => {
    const withBuild = detection('node', ['Node.js'], (answers) =>
      Object.assign(answers, { buildScript: 'build' }),
    );
    expect(multiStageOffer(report(true), BUILD, withBuild).offer?.template).toBe('node');
    const without = multiStageOffer(
      report(true),
      BUILD,
      detection('node', ['Node.js'], (answers) => Object.assign(answers, { buildScript: null })),
    );
    expect(without.offer).toBeNull();
    expect(without.offerNote).toBe(
      'The wizard recognises Node.js in /work/app, but its Dockerfile for it has one stage (no build step to split off), so none is offered.',
    );
  });

  it('offers none for Python, whose template is single-stage, and says so', () => {
    expect(multiStageOffer(report(true), BUILD, detection('python', ['Python', 'Flask'])).offerNote).toMatch(
      /^The wizard recognises Python, Flask in \/work\/app, but its Dockerfile for it has one stage/,
    );
  });

  it('offers nothing and says nothing when the build-only bytes are not worth it', () => {
    expect(multiStageOffer(report(false), BUILD, detection('go', ['Go']))).toEqual({
      offer: null,
      offerNote: null,
    });
  });

  it('explains why without a recorded build, and without a recognised project', () => {
    expect(multiStageOffer(report(true), null, null).offerNote).toMatch(
      /^Dockwright did not build this image here/,
    );
    expect(multiStageOffer(report(true), BUILD, detection('custom', [])).offerNote).toMatch(
      /^The wizard does not recognise the project in \/work\/app/,
    );
  });
});

describe('trialSummary', () => {
  const check = (passed: boolean, summary: string): RunCheckResult => ({
    passed,
    summary,
    containerId: 'c',
    containerName: 'n',
    kept: false,
    url: null,
    exitCode: null,
    log: '',
    stopped: false,
  });

  it('gives the size change and the check’s own sentence', () => {
    expect(
      trialSummary(300_000_000, 15_000_000, check(true, 'Answered HTTP 200 at http://localhost:8080/')),
    ).toBe('300MB → 15MB (−95%); the app still starts: Answered HTTP 200 at http://localhost:8080/');
    expect(trialSummary(10_000_000, 12_000_000, check(false, 'It ended with exit code 1.'))).toBe(
      '10MB → 12MB (+20%), but the new image did not pass the check: It ended with exit code 1.',
    );
  });
});
