/**
 * Build errors in words. The builders' own wording comes from streams recorded on dockerd 20.10
 * and Docker 26.1 (test/unit/fixtures/build-streams/failed-*.jsonl and its docker-26.1 folder, both
 * builders); the tools' wording is as they print it:
 * - apt (apt-private/private-install.cc): "E: Unable to locate package %s",
 *   "E: Package '%s' has no installation candidate", "Temporary failure resolving '%s'";
 * - apk-tools: "ERROR: unable to select packages:" / "  ruby-json (no such package):" /
 *   "    required by: world[ruby-json~3.4]";
 * - pip: "ERROR: Could not find a version that satisfies the requirement dassl (from versions:
 *   none)" / "ERROR: No matching distribution found for dassl";
 * - npm 6 ("npm ERR! …") and npm 7+ ("npm error 404  'grok-search-mcp@*' is not in this registry.");
 * - busybox sh (recorded), dash ("/bin/sh: 1: x: not found") and bash ("bash: x: command not found").
 */
import { describe, expect, it } from 'vitest';
import { createBuildKitParser } from '../../../../src/shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../../../src/shared/builds/parse-classic-build';
import { closeSteps } from '../../../../src/shared/builds/build-model';
import {
  appendStepOutput,
  commandOutputTail,
  flushStepOutput,
  type StepOutputState,
} from '../../../../src/shared/builds/step-output';
import {
  closestInstruction,
  explainBuildError,
  summarizeBuildError,
} from '../../../../src/shared/builds/summarize-build-error';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { failedBuildScenario } from '../../../support/failed-build-scenarios';
import {
  FIXTURE_ENGINE_NAMES,
  readBuildStreamFixture,
  replayBuildStream,
  type FixtureEngine,
} from '../../../support/record-build-stream';

describe('summarizeBuildError', () => {
  it.each([
    // As engine 20.10 printed them (test/unit/fixtures/build-streams), and newer BuildKit's wording.
    [
      'executor failed running [/bin/sh -c echo "about to fail" && exit 3]: exit code: 3',
      'The command exited with code 3',
    ],
    [
      `The command '/bin/sh -c echo "about to fail" && exit 3' returned a non-zero code: 3`,
      'The command exited with code 3',
    ],
    [
      'process "/bin/sh -c exit 7" did not complete successfully: exit code: 7',
      'The command exited with code 7',
    ],
    [
      'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown instruction: FOO',
      'dockerfile parse error line 3: unknown instruction: FOO',
    ],
    [
      'The Docker engine went away during the build: aborted',
      'The Docker engine went away during the build: aborted',
    ],
  ])('%s → %s', (message, summary) => {
    expect(summarizeBuildError(message)).toBe(summary);
  });

  it('keeps the first line, shortened', () => {
    const summary = summarizeBuildError(`${'x'.repeat(200)}\nsecond line`);
    expect(summary).toHaveLength(90);
    expect(summary.endsWith('…')).toBe(true);
  });
});

/** A recorded failure as the build runner ends it: the error, and the failing step's output in whole lines. */
function recordedFailure(
  name: string,
  engine: FixtureEngine,
): {
  message: string;
  output: string[];
  instruction: string | null;
  /** The failing step's output in the pieces the builder passed it on. */
  pieces: string[];
} {
  const scenario = failedBuildScenario(name);
  const analysis = analyzeDockerfile(scenario.dockerfile);
  const parser =
    scenario.builder === 'classic'
      ? createClassicBuildParser(analysis, () => 0)
      : createBuildKitParser(analysis, () => 0);
  const messages = readBuildStreamFixture(`failed-${name}`, engine);
  const replay = replayBuildStream(parser, messages);
  let output: StepOutputState = { lines: {}, open: {} };
  const pieces = new Map<string, string[]>();
  for (const update of replay.updates) {
    if (update.kind !== 'log' || !update.stepId) continue;
    output = appendStepOutput(output, update.stepId, update.text, update.stream);
    pieces.set(update.stepId, [...(pieces.get(update.stepId) ?? []), update.text]);
  }
  output = flushStepOutput(output);
  const failed = closeSteps(replay.steps, 'failed', 0).find((step) => step.status === 'error');
  // A refused request (HTTP 400) has no stream: its one message is the body's.
  const message = replay.errors.at(-1)?.message ?? (messages[0] as { message: string }).message;
  return {
    message,
    output: failed ? commandOutputTail(output.lines[failed.id] ?? [], 40) : [],
    instruction: failed?.instruction ?? null,
    pieces: failed ? (pieces.get(failed.id) ?? []) : [],
  };
}

describe.each(FIXTURE_ENGINE_NAMES)(
  'explainBuildError on failures recorded from both builders on %s',
  (engine) => {
    it.each([
      ['apt-missing-package', '`apt-get install` could not find the package `nosuchpackage` (exit code 100)'],
      ['command-not-found', 'The command `nosuchcommand` is not in the image (exit code 127)'],
      [
        'copy-missing-file',
        '`COPY` could not find `missing.txt` in the build context (or .dockerignore leaves it out)',
      ],
      ['unknown-instruction', '`RUNN` is not a Dockerfile instruction — did you mean `RUN`?'],
    ])('%s says what went wrong in words, the same for classic and BuildKit', (name, words) => {
      for (const builder of ['classic', 'buildkit']) {
        const failure = recordedFailure(`${builder}-${name}`, engine);
        expect(explainBuildError(failure.message, failure)).toBe(words);
      }
    });

    it('reads apt’s error as one line on both builders, also when BuildKit passed it on in pieces (E / : / Unable …)', () => {
      for (const builder of ['classic', 'buildkit']) {
        const { output, pieces } = recordedFailure(`${builder}-apt-missing-package`, engine);
        expect(output.at(-1)).toBe('E: Unable to locate package nosuchpackage');
        expect(output).not.toContain('E');
        // Real apt wrote the line in pieces; engine 1's BuildKit recording keeps them, the classic
        // and engine 2's recordings happen to have it whole (step-output.test.ts cuts it in two).
        if (builder === 'buildkit' && engine === 'engine1') expect(pieces).toContain('E');
      }
    });
  },
);

describe('explainBuildError on the tools’ own wording', () => {
  const buildKit = (command: string, code: number): string =>
    `executor failed running [/bin/sh -c ${command}]: exit code: ${code}`;
  const classic = (command: string, code: number): string =>
    `The command '/bin/sh -c ${command}' returned a non-zero code: ${code}`;

  it.each<[string, string, string[], string]>([
    [
      'apt: a package with no installable version',
      buildKit('apt-get update && apt-get install -y python', 100),
      ['Reading package lists...', "E: Package 'python' has no installation candidate"],
      '`apt-get install` found no installable version of the package `python` (exit code 100)',
    ],
    [
      'apt written as `apt install`',
      classic('apt update && apt install -y nosuch', 100),
      ['E: Unable to locate package nosuch'],
      '`apt install` could not find the package `nosuch` (exit code 100)',
    ],
    [
      'apk: unable to select packages',
      buildKit('apk add --no-cache ruby-json=~3.4', 1),
      [
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz',
        'ERROR: unable to select packages:',
        '  ruby-json (no such package):',
        '    required by: world[ruby-json~3.4]',
      ],
      '`apk add` could not find the package `ruby-json` (exit code 1)',
    ],
    [
      'pip: no matching distribution',
      classic('pip install dassl', 1),
      [
        'ERROR: Could not find a version that satisfies the requirement dassl (from versions: none)',
        'ERROR: No matching distribution found for dassl',
      ],
      '`pip install` could not find the package `dassl` (exit code 1)',
    ],
    [
      'npm 7+: not in this registry',
      buildKit('npm install', 1),
      [
        'npm error code E404',
        'npm error 404 Not Found - GET https://registry.npmjs.org/grok-search-mcp - Not found',
        'npm error 404',
        "npm error 404  'grok-search-mcp@*' is not in this registry.",
      ],
      '`npm install` could not find the package `grok-search-mcp` in the registry (exit code 1)',
    ],
    [
      'npm 6: not in this registry',
      classic('npm ci', 1),
      ['npm ERR! code E404', "npm ERR! 404  'nosuchpkg@latest' is not in the npm registry."],
      '`npm ci` could not find the package `nosuchpkg` in the registry (exit code 1)',
    ],
    [
      'dash: command not found',
      buildKit('pyhton app.py', 127),
      ['/bin/sh: 1: pyhton: not found'],
      'The command `pyhton` is not in the image (exit code 127)',
    ],
    [
      'bash: command not found',
      classic('bash -c make', 127),
      ['bash: make: command not found'],
      'The command `make` is not in the image (exit code 127)',
    ],
    [
      'exit 127 with nothing printed',
      buildKit('exec nosuch', 127),
      [],
      'A command was not found in the image (exit code 127)',
    ],
    [
      'a script that is not executable',
      buildKit('./start.sh', 126),
      ['/bin/sh: ./start.sh: Permission denied'],
      '`./start.sh` could not be run: permission denied (is it executable?) (exit code 126)',
    ],
    [
      'no space left on the disk',
      classic('cp -r /big /copy', 1),
      ['cp: write error: No space left on device'],
      'The disk ran out of space during the build (exit code 1)',
    ],
    [
      'apt without network',
      buildKit('apt-get update', 100),
      [
        'Err:1 http://deb.debian.org/debian bookworm InRelease',
        "  Temporary failure resolving 'deb.debian.org'",
      ],
      'The build could not reach `deb.debian.org`: the network or its name server is not reachable (exit code 100)',
    ],
    [
      'curl without network',
      buildKit('curl -fsSL https://example.com/install.sh | sh', 6),
      ['curl: (6) Could not resolve host: example.com'],
      'The build could not reach `example.com`: the network or its name server is not reachable (exit code 6)',
    ],
    [
      'an exit code with no known output keeps the plain sentence',
      buildKit('echo "about to fail" && exit 3', 3),
      ['about to fail', 'on stderr'],
      'The command exited with code 3',
    ],
  ])('%s', (_name, message, output, words) => {
    expect(explainBuildError(message, { output, instruction: null })).toBe(words);
  });

  it('says the containerd store lost a layer is the engine’s intermittent bug, not the Dockerfile', () => {
    // Docker 26.1 with the containerd image store, rebuilding one tag (seen in this suite's e2e).
    const message =
      'failed to prepare extraction snapshot "extract-285950293-bD0X sha256:84be3d77879c759dbe1bf23fa54a24d81235ac6a28568b778afbe77363d6bb43": parent snapshot sha256:dd0b0c0e8b6fb05e707d5ba972b0d265951c0f2973b451c65823a0e541f327a2 does not exist: not found';
    expect(explainBuildError(message, { output: [], instruction: null })).toMatch(
      /^The engine lost a layer while it stored the built image .*moby\/buildkit#6521.* build again$/,
    );
  });

  it('names ADD when the missing file is an ADD’s (BuildKit does not name the instruction)', () => {
    expect(
      explainBuildError('failed to compute cache key: "/vendor.tar" not found: not found', {
        output: [],
        instruction: 'ADD vendor.tar /opt/',
      }),
    ).toBe('`ADD` could not find `vendor.tar` in the build context (or .dockerignore leaves it out)');
  });

  it('keeps an unknown engine reason, without BuildKit’s wrapping', () => {
    expect(
      explainBuildError('failed to solve with frontend dockerfile.v0: something new happened', {
        output: [],
        instruction: null,
      }),
    ).toBe('something new happened');
  });
});

describe('closestInstruction', () => {
  it.each([
    ['RUNN', 'RUN'],
    ['run', 'RUN'],
    ['RNU', 'RUN'],
    ['COPPY', 'COPY'],
    ['WORKDR', 'WORKDIR'],
    ['ENTRYPIONT', 'ENTRYPOINT'],
    ['EXPOSED', 'EXPOSE'],
    ['FORM', 'FROM'],
    ['FOO', null],
    ['HELLO', null],
  ])('%s → %s', (word, closest) => {
    expect(closestInstruction(word)).toBe(closest);
  });
});
