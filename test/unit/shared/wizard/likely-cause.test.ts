import { describe, expect, it } from 'vitest';
import { likelyCause } from '../../../../src/shared/wizard/likely-cause';
import type { RunCheckPlan } from '../../../../src/shared/wizard/run-check';
import type { WizardAnswers } from '../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../src/shared/wizard/wizard-templates';

const port8000: RunCheckPlan = { kind: 'port', port: 8000, seconds: 30 };
const python = (dependencies: 'requirements' | 'none'): WizardAnswers => ({
  ...defaultAnswers('python'),
  dependencies,
});

describe('likelyCause', () => {
  // Messages as the engines and programs print them (Docker 20.10 and 26.1, dash, busybox, bash).
  it.each([
    [
      'Docker 20.10 refusing a missing program',
      'The container could not start: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "uvicorn": executable file not found in $PATH: unknown',
    ],
    [
      'Docker 26 refusing a missing program',
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "uvicorn": executable file not found in $PATH: unknown',
    ],
    ['dash', '/bin/sh: 1: uvicorn: not found'],
    ['busybox sh', 'sh: uvicorn: not found'],
    ['bash', 'bash: uvicorn: command not found'],
    ['bash running a script', 'bash: line 1: uvicorn: command not found'],
  ])('names the missing start program and where it should come from (%s)', (_, log) => {
    expect(likelyCause(python('requirements'), { log, plan: port8000, exitCode: 127 })).toBe(
      "`uvicorn` is not in the image: requirements.txt does not list it. Add uvicorn (or fastapi[standard]) to the project's dependencies.",
    );
  });

  it('says the dependencies step installs nothing when no dependency file was chosen', () => {
    const cause = likelyCause(python('none'), {
      log: "ModuleNotFoundError: No module named 'fastapi'",
      plan: port8000,
      exitCode: 1,
    });
    expect(cause).toBe(
      'Python cannot import fastapi: the dependencies step installs nothing (no dependency file was chosen). Add the package that provides it to the dependencies.',
    );
  });

  it('names a program that is not a Python framework without blaming the dependencies', () => {
    const cause = likelyCause(defaultAnswers('custom'), {
      log: 'exec: "jq": executable file not found in $PATH',
      plan: { kind: 'exits', seconds: 60 },
      exitCode: null,
    });
    expect(cause).toMatch(/^`jq` is not in the image: the start command names a program nothing installed\./);
  });

  it('reads a jar without Main-Class', () => {
    expect(
      likelyCause(defaultAnswers('java'), {
        log: 'no main manifest attribute, in /app/app.jar',
        plan: { kind: 'port', port: 8080, seconds: 30 },
        exitCode: 1,
      }),
    ).toMatch(/^\/app\/app\.jar has no Main-Class in its manifest/);
  });

  it('tells a missing entry file from a missing package in Node', () => {
    const node = defaultAnswers('node');
    const run = (log: string) => likelyCause(node, { log, plan: port8000, exitCode: 1 });
    expect(run("Error: Cannot find module '/app/dist/main.js'")).toMatch(
      /the entry file is not in the image/,
    );
    expect(run("Error: Cannot find module 'express'")).toMatch(/the package express: it is not installed/);
  });

  it('sees a server bound to 127.0.0.1 (uvicorn and Flask say so when they start)', () => {
    for (const log of [
      'INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)',
      ' * Running on http://127.0.0.1:5000',
    ]) {
      expect(likelyCause(python('requirements'), { log, plan: port8000, exitCode: null })).toMatch(
        /listens on 127\.0\.0\.1:\d+ inside the container.*0\.0\.0\.0/,
      );
    }
  });

  it('sees a server listening on another port than the one exposed, and not on the same one', () => {
    const log = 'Serving on 0.0.0.0 port 8081';
    expect(likelyCause(python('requirements'), { log, plan: port8000, exitCode: null })).toMatch(
      /^The app listens on port 8081, but the image says 8000/,
    );
    expect(
      likelyCause(python('requirements'), {
        log: 'Serving on 0.0.0.0 port 8000',
        plan: port8000,
        exitCode: null,
      }),
    ).toBeNull();
  });

  it('has something to say about silence, and nothing about output it does not know', () => {
    expect(likelyCause(python('requirements'), { log: '', plan: port8000, exitCode: null })).toMatch(
      /printed nothing and nothing answered on port 8000/,
    );
    expect(likelyCause(python('requirements'), { log: '', plan: port8000, exitCode: 2 })).toMatch(
      /ended at once with exit code 2/,
    );
    expect(
      likelyCause(python('requirements'), { log: 'all fine here', plan: port8000, exitCode: 1 }),
    ).toBeNull();
  });

  it('reads a usage line from a script run without its arguments, unless it exited 0', () => {
    const script = defaultAnswers('custom');
    const plan: RunCheckPlan = { kind: 'exits', seconds: 60 };
    const log = 'usage: latest-release.sh owner/repo [--json]\n';
    expect(likelyCause(script, { log, plan, exitCode: 2 })).toMatch(
      /^The script printed its usage: it needs arguments/,
    );
    expect(likelyCause(script, { log, plan, exitCode: 0 })).toBeNull();
  });
});
