import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { isServiceImage } from '../../../../src/shared/dockerfile/lint/image-family';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { checkWizardAnswers } from '../../../../src/shared/wizard/check-wizard-answers';
import { generateDockerfile } from '../../../../src/shared/wizard/generate-dockerfile';
import { generateDockerignore } from '../../../../src/shared/wizard/generate-dockerignore';
import type { WizardAnswers } from '../../../../src/shared/wizard/wizard-answers';
import {
  defaultAnswers,
  finalBaseImage,
  suggestedStartCommand,
  WIZARD_TEMPLATES,
  type AnyWizardTemplate,
} from '../../../../src/shared/wizard/wizard-templates';
import { optionCombinations } from './option-combinations';

// Up to this many combinations a template is tested on the full product of its option examples.
const FULL_PRODUCT_LIMIT = 1000;

/** The answers to test: every combination of option examples, or all 4-way combinations when that is too many. */
function combinations(template: AnyWizardTemplate): WizardAnswers[] {
  const options = template.options;
  const indexes = optionCombinations(
    options.map((option) => option.examples.length),
    FULL_PRODUCT_LIMIT,
  );
  return indexes.map((combo) => {
    const chosen = options.map((option, position) => [
      option.key,
      structuredClone(option.examples[combo[position]!]),
    ]);
    return { ...structuredClone(template.defaults), ...Object.fromEntries(chosen) } as WizardAnswers;
  });
}

const instructionsOnly = (text: string): string =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .join('\n');

describe('generateDockerfile over every option combination', () => {
  it.each(WIZARD_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s: every combination lints clean and the commented file has the same instructions',
    (_id, template) => {
      const combos = combinations(template);
      expect(combos.length).toBeGreaterThan(1);
      const failures: { answers: WizardAnswers; problems: string[] }[] = [];
      for (const answers of combos) {
        const commented = generateDockerfile(answers, { commented: true });
        const bare = generateDockerfile(answers, { commented: false });
        const problems: string[] = [];
        if (/^#\s*syntax\s*=/im.test(commented)) problems.push('has a # syntax= line');
        if (bare.split('\n').some((line) => line.startsWith('#'))) problems.push('bare file has comments');
        if (instructionsOnly(commented) !== instructionsOnly(bare)) problems.push('commented file differs');
        const finalImage = analyzeDockerfile(bare).stages.at(-1)?.baseImage ?? '';
        if (finalBaseImage(answers) !== finalImage) problems.push(`final image ${finalImage} not reported`);
        for (const diagnostic of lintDockerfile(commented)) {
          // The findings the wizard accepts: a service image left to drop root by itself, and the
          // hints to pin package versions (DW017-DW022, DW030), which it cannot look up offline.
          const accepted =
            (diagnostic.ruleId === 'DW002' && diagnostic.severity === 'info' && isServiceImage(finalImage)) ||
            (/^DW0(1[7-9]|2[0-2]|30)$/.test(diagnostic.ruleId) && diagnostic.severity === 'info');
          if (!accepted) problems.push(`${diagnostic.ruleId} ${diagnostic.severity}: ${diagnostic.message}`);
        }
        problems.push(
          ...checkWizardAnswers(answers).map((problem) => `answers: ${problem.field} ${problem.message}`),
        );
        if (problems.length > 0) failures.push({ answers, problems });
      }
      expect(failures.slice(0, 3)).toEqual([]);
    },
    30_000,
  );
});

describe('wizard templates', () => {
  it.each(WIZARD_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s explains every step and puts every option on one of its steps',
    (_id, template) => {
      const stepIds = template.steps.map((step) => step.id);
      expect(new Set(stepIds).size).toBe(stepIds.length);
      for (const step of template.steps) expect(step.explanation.length).toBeGreaterThan(80);
      for (const option of template.options) {
        expect(stepIds).toContain(option.step);
        expect(option.examples.length).toBeGreaterThan(0);
        if (option.choices) expect(option.examples).toEqual(expect.arrayContaining([option.examples[0]]));
      }
    },
  );

  it('suggests the start command the Dockerfile runs when none is typed', () => {
    for (const template of WIZARD_TEMPLATES) {
      const suggestion = suggestedStartCommand(template.defaults);
      if (suggestion === null) continue;
      // A tool's image (the script template) starts with ENTRYPOINT, an app's with CMD: read both.
      const instructions = analyzeDockerfile(generateDockerfile(template.defaults)).instructions;
      const words = (keyword: string): string[] => {
        const found = instructions.findLast((instruction) => instruction.keyword === keyword);
        return found ? (JSON.parse(found.text.slice(keyword.length + 1)) as string[]) : [];
      };
      expect([...words('ENTRYPOINT'), ...words('CMD')]).toEqual(suggestion.split(' '));
    }
  });

  it('hands out default answers that can be edited without touching the template', () => {
    const answers = defaultAnswers('python');
    answers.env.push({ name: 'X', value: '1' });
    expect(defaultAnswers('python').env).toEqual([]);
  });
});

describe('generateDockerfile choices', () => {
  it('starts Flask and FastAPI on 0.0.0.0 and installs requirements before copying the code', () => {
    const flask = generateDockerfile({ ...defaultAnswers('python'), framework: 'flask', port: 5000 });
    expect(flask).toContain('CMD ["flask", "--app", "app", "run", "--host=0.0.0.0", "--port=5000"]');
    const fastapi = generateDockerfile({
      ...defaultAnswers('python'),
      framework: 'fastapi',
      appModule: 'main',
    });
    expect(fastapi).toContain('CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]');
    expect(fastapi.indexOf('COPY requirements.txt ./')).toBeLessThan(fastapi.indexOf('RUN pip install'));
    expect(fastapi.indexOf('RUN pip install')).toBeLessThan(fastapi.indexOf('COPY . .'));
  });

  it('installs the specs pyproject.toml declares with pip, each one a quoted shell word', () => {
    const text = generateDockerfile({
      ...defaultAnswers('python'),
      dependencies: 'pyproject',
      projectRequirements: ['flask>=3.0', 'gunicorn'],
    });
    expect(text).toContain("RUN pip install --no-cache-dir 'flask>=3.0' gunicorn");
    expect(text.indexOf('RUN pip install')).toBeLessThan(text.indexOf('COPY . .'));
  });

  it.each([
    ['npm', true, 'package.json package-lock.json', 'npm ci --omit=dev'],
    ['npm', false, 'package.json', 'npm install --omit=dev'],
    ['yarn', true, 'package.json yarn.lock', 'yarn install --frozen-lockfile --production'],
    ['pnpm', true, 'package.json pnpm-lock.yaml', 'pnpm install --frozen-lockfile --prod'],
  ] as const)(
    'installs with %s (lockfile %s) from the manifests alone',
    (packageManager, lockfile, manifests, install) => {
      const text = generateDockerfile({ ...defaultAnswers('node'), packageManager, lockfile });
      expect(text).toContain(`COPY ${manifests} ./`);
      expect(text).toContain(`RUN ${install}`);
    },
  );

  it('builds Node apps in a stage with dev dependencies and ships only the output', () => {
    const text = generateDockerfile({ ...defaultAnswers('node'), buildScript: 'build' });
    const stages = analyzeDockerfile(text).stages;
    expect(stages.map((stage) => stage.name)).toEqual(['build', null]);
    expect(text).toContain('RUN npm ci && npm cache clean --force\nCOPY . .\nRUN npm run build');
    expect(text).toContain('COPY --from=build /app/dist ./dist');
    expect(text).toContain('CMD ["node", "dist/index.js"]');
  });

  it('compiles Go statically in a builder and ships the binary alone', () => {
    const text = generateDockerfile({ ...defaultAnswers('go'), runtime: 'scratch' });
    expect(analyzeDockerfile(text).stages.map((stage) => stage.baseImage)).toEqual([
      'golang:1.23-alpine',
      'scratch',
    ]);
    expect(text).toContain('ENV CGO_ENABLED=0');
    expect(text).toContain('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/');
    expect(text).toContain('USER 10001:10001');
    expect(text).not.toMatch(/useradd|adduser/);
  });

  it('builds Java with Maven or Gradle on a JDK and runs the jar on a JRE', () => {
    const maven = analyzeDockerfile(generateDockerfile(defaultAnswers('java'))).stages;
    expect(maven.map((stage) => stage.baseImage)).toEqual([
      'maven:3.9-eclipse-temurin-21',
      'eclipse-temurin:21-jre',
    ]);
    const gradle = generateDockerfile({
      ...defaultAnswers('java'),
      buildTool: 'gradle',
      runtimeVariant: 'jre-alpine',
    });
    expect(gradle).toContain('FROM gradle:8.10-jdk21 AS build');
    expect(gradle).toContain('COPY --from=build /src/build/libs/*.jar app.jar');
    expect(gradle).toContain('FROM eclipse-temurin:21-jre-alpine');
    expect(gradle).toContain('adduser -S -D -H -u 10001');
  });

  it('creates the user with the tools of the base image family', () => {
    const withFamily = (baseImage: string, baseFamily: 'busybox' | null = null): string =>
      generateDockerfile({ ...defaultAnswers('os'), systemPackages: [], baseImage, baseFamily });
    expect(withFamily('debian:12-slim')).toContain('useradd --system --uid 10001 --gid app');
    expect(withFamily('alpine:3.20')).toContain('adduser -S -D -H -u 10001 -G app');
    const busybox = withFamily('dw-test/busybox:1.36', 'busybox');
    expect(busybox).toContain("echo 'app:x:10001:10001::/nonexistent:/bin/false' >> /etc/passwd");
    expect(busybox).toContain('USER app');
  });

  it('uses a stand-in base image as given, keeping the family-specific commands', () => {
    const text = generateDockerfile({
      ...defaultAnswers('python'),
      baseImage: '127.0.0.1:5000/python:3.12-slim',
    });
    expect(text).toMatch(/^FROM 127\.0\.0\.1:5000\/python:3\.12-slim$/m);
    expect(text).toContain('useradd');
  });

  it('merges RUN lines that would follow each other into one layer', () => {
    const text = generateDockerfile({ ...defaultAnswers('os'), distro: 'alpine' });
    expect(text).toContain('RUN apk add --no-cache curl ca-certificates \\\n    && addgroup -S -g 10001 app');
    expect(
      analyzeDockerfile(text).instructions.filter((instruction) => instruction.keyword === 'RUN'),
    ).toHaveLength(1);
  });

  it('writes ENTRYPOINT for the program and CMD for its arguments', () => {
    const text = generateDockerfile({
      ...defaultAnswers('python'),
      framework: 'fastapi',
      startAs: 'entrypoint',
    });
    expect(text).toContain('ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0", "--port", "8000"]');
  });

  it('runs services as their own user and never bakes a password into the image', () => {
    const postgres = generateDockerfile({
      ...defaultAnswers('service'),
      service: 'postgres',
      withConfig: true,
    });
    expect(postgres).toBe(
      'FROM postgres:17-alpine\nCOPY init/ /docker-entrypoint-initdb.d/\nUSER postgres\nEXPOSE 5432\n',
    );
    const nginx = generateDockerfile({ ...defaultAnswers('service'), service: 'nginx', variant: 'debian' });
    expect(nginx).toBe('FROM nginxinc/nginx-unprivileged:1.27\nUSER 101\nEXPOSE 8080\n');
    const redis = generateDockerfile({
      ...defaultAnswers('service'),
      withConfig: true,
      runAsServiceUser: false,
    });
    expect(redis).toContain('CMD ["redis-server", "/usr/local/etc/redis/redis.conf"]');
    expect(redis).not.toContain('USER');
  });

  it('writes custom CMD and ENTRYPOINT values in exec form', () => {
    const text = generateDockerfile({
      template: 'custom',
      instructions: [
        { keyword: 'FROM', value: 'alpine:3.20' },
        { keyword: 'USER', value: 'nobody' },
        { keyword: 'CMD', value: 'sh -c "echo hello"' },
      ],
    });
    expect(text).toBe('FROM alpine:3.20\nUSER nobody\nCMD ["sh", "-c", "echo hello"]\n');
  });
});

describe('generateDockerignore', () => {
  it('always keeps version control, secrets and the Docker files out', () => {
    for (const template of WIZARD_TEMPLATES) {
      const patterns = generateDockerignore(template.defaults).split('\n');
      expect(patterns).toEqual(
        expect.arrayContaining(['.git', '.env', '.env.*', 'Dockerfile', '.dockerignore']),
      );
    }
  });

  it('adds each language’s caches, and a build output only when the build runs in the image', () => {
    expect(generateDockerignore(defaultAnswers('python'))).toContain('**/__pycache__');
    expect(generateDockerignore(defaultAnswers('java'))).toContain('\ntarget\n');
    const node = generateDockerignore(defaultAnswers('node')).split('\n');
    expect(node).toContain('**/node_modules');
    expect(node).not.toContain('dist');
    expect(generateDockerignore({ ...defaultAnswers('node'), buildScript: 'build' }).split('\n')).toContain(
      'dist',
    );
  });
});
