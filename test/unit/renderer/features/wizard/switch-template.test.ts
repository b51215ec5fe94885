import { describe, expect, it } from 'vitest';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { TemplateId, WizardAnswers } from '@shared/wizard/wizard-answers';
import { defaultAnswers, templateFor } from '@shared/wizard/wizard-templates';
import { switchTemplate } from '../../../../../src/renderer/features/wizard/switch-template';

/** The label the template shows for an answer field: what the confirm names. */
const label = (template: TemplateId, key: string): string =>
  (templateFor(template).options as readonly { key: string; label: string }[]).find(
    (option) => option.key === key,
  )!.label;

const python = (changes: Record<string, unknown>): WizardAnswers =>
  ({ ...defaultAnswers('python'), ...changes }) as WizardAnswers;

describe('switchTemplate', () => {
  it('keeps the answers the new template asks the same way, and names the ones it drops', () => {
    const changed = {
      workdir: '/srv',
      env: [{ name: 'APP_ENV', value: 'production' }],
      port: 8080,
      user: { kind: 'create', name: 'web', uid: 20000 },
      startCommand: 'node server.js',
      startAs: 'entrypoint',
      systemPackages: ['curl'],
      pythonVersion: '3.11',
    };
    const result = switchTemplate(python(changed), 'node', null);
    const { pythonVersion: _dropped, ...carried } = changed;
    expect(result.answers).toEqual({ ...defaultAnswers('node'), ...carried });
    expect(result.kept.sort()).toEqual(
      ['workdir', 'env', 'port', 'user', 'startCommand', 'startAs', 'systemPackages']
        .map((key) => label('node', key))
        .sort(),
    );
    expect(result.lost).toEqual([label('python', 'pythonVersion')]);
  });

  it('drops and keeps nothing when no answer differs from the old template’s defaults', () => {
    const result = switchTemplate(defaultAnswers('python'), 'node', null);
    expect(result).toEqual({ answers: defaultAnswers('node'), kept: [], lost: [] });
  });

  it('never carries a base image: it names an image of the old stack', () => {
    const result = switchTemplate(python({ baseImage: 'python:3.12-bookworm' }), 'node', null);
    expect((result.answers as { baseImage: string | null }).baseImage).toBeNull();
    expect(result.lost).toEqual([label('python', 'baseImage')]);
  });

  it('drops a choice the new template does not offer', () => {
    const nodeFrameworks = (
      templateFor('node').options as readonly { key: string; choices?: readonly { value: unknown }[] }[]
    ).find((option) => option.key === 'framework')!.choices!;
    expect(nodeFrameworks.map((choice) => choice.value)).not.toContain('flask');
    const result = switchTemplate(python({ framework: 'flask' }), 'node', null);
    expect((result.answers as { framework: string }).framework).toBe(defaultAnswers('node').framework);
    expect(result.lost).toEqual([label('python', 'framework')]);
  });

  it('drops an answer the new template has no question for', () => {
    const result = switchTemplate(python({ port: 9000, workdir: '/srv' }), 'custom', null);
    expect(result.answers).toEqual(defaultAnswers('custom'));
    expect(result.lost.sort()).toEqual([label('python', 'port'), label('python', 'workdir')].sort());
  });

  it('starts the detected template from what detection found, with the corrections made elsewhere', () => {
    const detected = python({ pythonVersion: '3.11', port: 5000, framework: 'flask' });
    const detection: ProjectDetection = {
      template: 'python',
      answers: detected,
      evidence: [],
      language: 'Python',
      stack: ['Python', 'pip', 'Flask'],
      suggestions: {},
    };
    const onNode = switchTemplate(detected, 'node', detection).answers;
    const corrected = { ...onNode, workdir: '/srv' } as WizardAnswers;
    const back = switchTemplate(corrected, 'python', detection);
    expect(back.answers).toEqual({ ...detected, port: 5000, workdir: '/srv' });
    expect(back.answers).not.toBe(detected);
  });

  it('leaves the answers it was given untouched', () => {
    const answers = python({ env: [{ name: 'A', value: '1' }] });
    const before = structuredClone(answers);
    const result = switchTemplate(answers, 'go', null);
    (result.answers as { env: { name: string }[] }).env[0]!.name = 'B';
    expect(answers).toEqual(before);
  });
});
