import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import {
  staticTemplate,
  type StaticAnswers,
} from '../../../../../src/shared/wizard/templates/static-template';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<StaticAnswers>): StaticAnswers => ({
  ...defaultAnswers('static'),
  ...changes,
});

describe('static template', () => {
  it('explains on the Port step why nginx-unprivileged listens on 8080 and nginx on 80', () => {
    const step = staticTemplate.steps.find((candidate) => candidate.id === 'expose');
    expect(step?.explanation).toContain('8080');
    expect(step?.explanation).toContain('port 80');
    expect(step?.explanation).toMatch(/below 1024/);
  });

  it('says in the EXPOSE comment why the port is what it is', () => {
    const unprivileged = generateDockerfile(answers({}), { commented: true });
    expect(unprivileged).toContain(
      '# nginx-unprivileged listens on 8080: an ordinary user cannot open ports below 1024\nEXPOSE 8080',
    );
    expect(generateDockerfile(answers({ server: 'nginx' }))).toContain('EXPOSE 80\n');
  });

  it('builds with pnpm at the pinned version and takes only the output', () => {
    const text = generateDockerfile(
      answers({
        build: 'node',
        packageManager: 'pnpm',
        packageManagerVersion: '8.15.8',
        buildOutput: 'dist/shop/browser',
        nodeVersion: '20.11.1',
      }),
    );
    expect(text).toContain('FROM node:20.11.1-alpine AS build');
    expect(text).toContain('corepack prepare pnpm@8.15.8 --activate');
    expect(text).toContain('COPY --from=build /app/dist/shop/browser /usr/share/nginx/html');
    expect(lintDockerfile(text).filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  it("builds Bun sites in Bun's Alpine image", () => {
    const text = generateDockerfile(answers({ build: 'node', packageManager: 'bun' }));
    expect(text).toContain('FROM oven/bun:1.2-alpine AS build');
    expect(text).toContain('RUN bun install --frozen-lockfile\n');
  });

  it('cautions about a build without a lockfile, and only then', () => {
    expect(staticTemplate.cautions(answers({ build: 'node', lockfile: false }))[0]?.message).toContain(
      'Commit package-lock.json',
    );
    expect(staticTemplate.cautions(answers({ build: 'none', lockfile: false }))).toEqual([]);
    expect(staticTemplate.cautions(answers({ build: 'node' }))).toEqual([]);
  });
});
