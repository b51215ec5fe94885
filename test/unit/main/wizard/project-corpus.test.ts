/**
 * The wizard's detection over a corpus of project folders shaped like real ones
 * (test/fixtures/projects, expectations in test/fixtures/project-expectations): every expected
 * field is checked, and the accuracy over the corpus is printed and held at 95% or more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectProject } from '../../../../src/main/wizard/detect-project';
import { lintDockerfile } from '../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../src/shared/wizard/generate-dockerfile';
import type { ProjectDetection } from '../../../../src/shared/wizard/project-detection';
import { templateOf } from '../../../../src/shared/wizard/wizard-templates';

const FIXTURES = join(__dirname, '../../../fixtures');
const PROJECTS = join(FIXTURES, 'projects');
const EXPECTATIONS = join(FIXTURES, 'project-expectations');

interface Expectation {
  about: string;
  template: string;
  stack: string[];
  answers: Record<string, unknown>;
  suggestions?: Record<string, string[]>;
  cautions?: string[];
}

/** One checked field: where, what was expected, what detection said. */
interface FieldResult {
  field: string;
  expected: unknown;
  actual: unknown;
  right: boolean;
}

function fieldsOf(expectation: Expectation, detection: ProjectDetection): FieldResult[] {
  const same = (field: string, expected: unknown, actual: unknown): FieldResult => ({
    field,
    expected,
    actual,
    right: JSON.stringify(expected) === JSON.stringify(actual),
  });
  const answers = detection.answers as unknown as Record<string, unknown>;
  const results = [
    same('template', expectation.template, detection.template),
    same('stack', expectation.stack, detection.stack),
    ...Object.entries(expectation.answers).map(([key, value]) => same(`answers.${key}`, value, answers[key])),
    ...Object.entries(expectation.suggestions ?? {}).map(([key, value]) =>
      same(`suggestions.${key}`, value, detection.suggestions[key]),
    ),
  ];
  if (expectation.cautions) {
    const messages = cautionsOf(detection);
    const right =
      expectation.cautions.length === 0
        ? messages.length === 0
        : expectation.cautions.every((text) => messages.some((message) => message.includes(text)));
    results.push({ field: 'cautions', expected: expectation.cautions, actual: messages, right });
  }
  return results;
}

function cautionsOf(detection: ProjectDetection): string[] {
  return templateOf(detection.answers)
    .cautions(detection.answers)
    .map((caution) => caution.message);
}

const names = readdirSync(EXPECTATIONS)
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort();
const tally = { right: 0, total: 0, wrong: [] as string[] };

describe('project detection over the corpus', () => {
  it('has at least 40 projects, each with a folder and an expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    const folders = readdirSync(PROJECTS).sort();
    expect(folders).toEqual(names);
  });

  for (const name of names) {
    it(`${name}: every expected field is detected`, async () => {
      const expectation = JSON.parse(readFileSync(join(EXPECTATIONS, `${name}.json`), 'utf8')) as Expectation;
      const detection = await detectProject(join(PROJECTS, name));
      const results = fieldsOf(expectation, detection);
      tally.total += results.length;
      tally.right += results.filter((result) => result.right).length;
      for (const result of results.filter((r) => !r.right)) tally.wrong.push(`${name} ${result.field}`);
      expect(results.filter((result) => !result.right)).toEqual([]);
    });

    it(`${name}: the Dockerfile made from the detected answers lints without warnings`, async () => {
      const detection = await detectProject(join(PROJECTS, name));
      const text = generateDockerfile(detection.answers);
      const findings = lintDockerfile(text).filter((diagnostic) => diagnostic.severity !== 'info');
      expect(
        findings.map((f) => `line ${f.line}: ${f.message}`),
        text,
      ).toEqual([]);
    });
  }

  afterAll(() => {
    const percent = tally.total === 0 ? 0 : (100 * tally.right) / tally.total;
    console.log(
      `wizard detection accuracy over ${names.length} projects: ${tally.right}/${tally.total} fields (${percent.toFixed(1)}%)` +
        (tally.wrong.length ? `; wrong: ${tally.wrong.join(', ')}` : ''),
    );
  });

  it('is right on at least 95% of the fields over the corpus', async () => {
    let right = 0;
    let total = 0;
    for (const name of names) {
      const expectation = JSON.parse(readFileSync(join(EXPECTATIONS, `${name}.json`), 'utf8')) as Expectation;
      const results = fieldsOf(expectation, await detectProject(join(PROJECTS, name)));
      total += results.length;
      right += results.filter((result) => result.right).length;
    }
    expect(total).toBeGreaterThan(0);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  });
});
