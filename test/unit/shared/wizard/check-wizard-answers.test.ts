import { describe, expect, it } from 'vitest';
import { checkWizardAnswers } from '../../../../src/shared/wizard/check-wizard-answers';
import { defaultAnswers, WIZARD_TEMPLATES } from '../../../../src/shared/wizard/wizard-templates';

const fields = (problems: { field: string }[]): string[] => problems.map((problem) => problem.field);

describe('checkWizardAnswers', () => {
  it('finds nothing wrong with any template defaults', () => {
    for (const template of WIZARD_TEMPLATES) expect(checkWizardAnswers(template.defaults)).toEqual([]);
  });

  it('points at the field of each mistake', () => {
    const problems = checkWizardAnswers({
      ...defaultAnswers('python'),
      workdir: 'app',
      port: 70000,
      startCommand: 'python "app.py',
      appModule: 'app.py',
      env: [{ name: '1BAD', value: 'x' }],
      user: { kind: 'create', name: 'App User', uid: 0 },
    });
    expect(fields(problems).sort()).toEqual([
      'appModule',
      'env',
      'port',
      'startCommand',
      'user',
      'user',
      'workdir',
    ]);
  });

  it('warns about secrets in ENV and a root user', () => {
    const problems = checkWizardAnswers({
      ...defaultAnswers('node'),
      env: [{ name: 'STRIPE_API_KEY', value: 'sk_live_x' }],
      user: { kind: 'existing', name: 'root' },
    });
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(
      /docker run -e STRIPE_API_KEY[\s\S]*root/,
    );
  });

  it('refuses packages on an image without apt or apk, and names on scratch', () => {
    expect(
      fields(
        checkWizardAnswers({
          ...defaultAnswers('os'),
          baseImage: 'dw-test/busybox:1.36',
          systemPackages: ['curl'],
        }),
      ),
    ).toEqual(['systemPackages']);
    expect(
      fields(
        checkWizardAnswers({
          ...defaultAnswers('go'),
          runtime: 'scratch',
          user: { kind: 'existing', name: 'nobody' },
        }),
      ),
    ).toEqual(['user']);
  });

  it('asks for a pinned base image', () => {
    expect(checkWizardAnswers({ ...defaultAnswers('python'), baseImage: 'python' })).toMatchObject([
      { field: 'baseImage', message: expect.stringContaining('version tag') },
    ]);
    expect(checkWizardAnswers({ ...defaultAnswers('python'), baseImage: 'python:latest' })).toMatchObject([
      { field: 'baseImage', message: expect.stringContaining('latest') },
    ]);
  });

  it('wants custom instructions to start with FROM', () => {
    expect(
      fields(
        checkWizardAnswers({
          template: 'custom',
          instructions: [
            { keyword: 'RUN', value: 'true' },
            { keyword: 'CMD', value: ' ' },
          ],
        }),
      ),
    ).toEqual(['instructions', 'instructions']);
  });
});
