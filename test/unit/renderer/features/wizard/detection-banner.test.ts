import { describe, expect, it } from 'vitest';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import { defaultAnswers } from '@shared/wizard/wizard-templates';
import { detectionBanner } from '../../../../../src/renderer/features/wizard/detection-banner';

const detection = (stack: string[], evidence: string[], language: string | null): ProjectDetection => ({
  template: 'python',
  answers: defaultAnswers('python'),
  evidence,
  language,
  stack,
  suggestions: {},
});

describe('detectionBanner', () => {
  it.each([
    [['Python', 'Poetry', 'FastAPI'], 'Looks like Python · Poetry · FastAPI.'],
    [['TypeScript', 'pnpm', 'Next.js'], 'Looks like TypeScript · pnpm · Next.js.'],
    [['Go'], 'Looks like Go.'],
    [['Shell script'], 'Looks like Shell script.'],
  ])('names the stack %j as its users say it', (stack, expected) => {
    expect(detectionBanner(detection(stack, [], 'python'))).toBe(expected);
  });

  it('says nothing was recognised when the stack is empty, whatever the language field says', () => {
    expect(detectionBanner(detection([], [], 'javascript'))).toBe('No known project files found.');
  });

  it('adds what was found after the stack', () => {
    expect(
      detectionBanner(
        detection(['Python', 'pip', 'Flask'], ['requirements.txt: Flask', '.python-version: 3.11'], null),
      ),
    ).toBe('Looks like Python · pip · Flask. Found: requirements.txt: Flask; .python-version: 3.11.');
  });
});
