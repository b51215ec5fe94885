import { describe, expect, it } from 'vitest';
import { explainExit, type ExitFacts } from '../../../../../src/renderer/features/containers/explain-exit';

const facts = (overrides: Partial<ExitFacts>): ExitFacts => ({
  exitCode: 0,
  error: null,
  ranMs: 60_000,
  printedNothing: false,
  command: ['httpd', '-f'],
  stop: null,
  ...overrides,
});

describe('explainExit', () => {
  it('says a stopped process that ignored SIGTERM was killed after the timeout (137)', () => {
    const said = explainExit(facts({ exitCode: 137, stop: { timeoutSeconds: 10 } }));
    expect(said?.text).toMatch(/ignored SIGTERM, so after the 10 s timeout the engine killed it \(SIGKILL\)/);
    expect(said?.text).toMatch(/137 is 128 \+ 9/);
    expect(said?.text).toMatch(/Kill now/);
  });

  it('says a kill the user chose was a kill', () => {
    expect(explainExit(facts({ exitCode: 137, stop: { timeoutSeconds: 0 } }))?.text).toMatch(
      /killed at once/,
    );
  });

  it('says a stop that was obeyed needs no comment, or names SIGTERM for 143', () => {
    expect(explainExit(facts({ exitCode: 0, stop: { timeoutSeconds: 10 } }))).toBeNull();
    expect(explainExit(facts({ exitCode: 143, stop: { timeoutSeconds: 10 } }))?.text).toMatch(
      /stopped on SIGTERM/,
    );
  });

  it('explains a 137 nobody here asked for', () => {
    expect(explainExit(facts({ exitCode: 137 }))?.text).toMatch(/killed .*out of memory/);
  });

  it('explains a shell that had no terminal and exited at once without output', () => {
    const said = explainExit(facts({ command: ['bash'], ranMs: 40, printedNothing: true }));
    expect(said?.tone).toBe('info');
    expect(said?.text).toMatch(/a shell with no terminal exits at once/);
    expect(said?.text).toMatch(/docker run -it <image> bash/);
  });

  it('says another command ended at once without output, naming it', () => {
    const said = explainExit(facts({ command: ['true'], ranMs: 40, printedNothing: true }));
    expect(said?.text).toMatch(/^Its command \(true\) ended right after starting without printing anything/);
  });

  it('keeps the quick-failure note when there was output', () => {
    const said = explainExit(facts({ exitCode: 2, ranMs: 100, error: 'boom' }));
    expect(said).toEqual({
      tone: 'error',
      text: 'The container stopped right after starting, with exit code 2 (boom). Its last output is below.',
    });
  });

  it('says nothing about a normal end', () => {
    expect(explainExit(facts({ exitCode: 0 }))).toBeNull();
    expect(explainExit(facts({ exitCode: 1 }))).toBeNull();
    expect(explainExit(facts({ exitCode: 0, ranMs: null, printedNothing: true }))).toBeNull();
  });
});
