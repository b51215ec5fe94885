/**
 * Step output in whole lines, on pieces as dockerd 20.10 sent them
 * (test/unit/fixtures/build-streams/failed-*-apt-missing-package.jsonl, real apt in Debian
 * bookworm: BuildKit passes apt's error on in the pieces apt wrote it, `E` / `: ` /
 * `Unable to locate package …` / line break; the classic builder sent it as one colour-wrapped
 * message in the recording, so its split cases cut that real message in two).
 */
import { describe, expect, it } from 'vitest';
import { createBuildKitParser } from '../../../../src/shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../../../src/shared/builds/parse-classic-build';
import {
  appendStepOutput,
  commandOutputTail,
  flushStepOutput,
  withoutAnsi,
  type StepOutputState,
} from '../../../../src/shared/builds/step-output';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { APT_DOCKERFILE } from '../../../support/failed-build-scenarios';
import { readBuildStreamFixture, replayBuildStream } from '../../../support/record-build-stream';

type StreamMessage = { stream?: string };

/** How the classic builder passes on one piece of a command's stderr. */
const classicStderr = (text: string): string => `\u001b[91m${text}\u001b[0m`;

/**
 * The classic recording's messages, and its one message with apt's error cut after the `E` into
 * two pieces wrapped as the classic builder wraps each piece of stderr. This is a parser test:
 * the rig sent the line whole in the recording, but in pieces in other runs.
 */
function classicAptErrorCut(): { messages: StreamMessage[]; at: number; pieces: [string, string] } {
  const messages = readBuildStreamFixture('failed-classic-apt-missing-package') as StreamMessage[];
  const at = messages.findIndex((message) => message.stream?.includes('Unable to locate package'));
  const recorded = messages[at]!.stream!;
  expect(recorded).toBe(classicStderr(withoutAnsi(recorded)));
  const text = withoutAnsi(recorded);
  return { messages, at, pieces: [classicStderr(text.slice(0, 1)), classicStderr(text.slice(1))] };
}

/** Pieces folded one after another, as the build fold folds them. */
function stepOutput(maxLines?: number) {
  let state: StepOutputState = { lines: {}, open: {} };
  return {
    append(stepId: string, text: string, stream?: number): void {
      state = appendStepOutput(state, stepId, text, stream, maxLines);
    },
    flush(): void {
      state = flushStepOutput(state, maxLines);
    },
    get lines() {
      return state.lines;
    },
  };
}

describe('appendStepOutput and flushStepOutput', () => {
  it('joins a line written in two pieces, without the colour codes around each', () => {
    const { pieces } = classicAptErrorCut();
    expect(pieces).toEqual([
      '\u001b[91mE\u001b[0m',
      '\u001b[91m: Unable to locate package nosuchpackage\n\u001b[0m',
    ]);
    const output = stepOutput();
    output.append('step-2', 'Building dependency tree...\n');
    output.append('step-2', pieces[0]);
    output.append('step-2', pieces[1]);
    output.flush();
    expect(output.lines['step-2']).toEqual([
      'Building dependency tree...',
      'E: Unable to locate package nosuchpackage',
    ]);
  });

  it('joins stdout and stderr separately when the builder tells them apart', () => {
    const output = stepOutput();
    output.append('v', 'E', 2);
    output.append('v', 'Reading package lists...\nBuilding dependency tree...\n', 1);
    output.append('v', ': Unable to locate package x\n', 2);
    expect(output.lines['v']).toEqual([
      'Reading package lists...',
      'Building dependency tree...',
      'E: Unable to locate package x',
    ]);
  });

  it('adds a line without a final line break when the build ends, and keeps what a carriage return left', () => {
    const output = stepOutput();
    output.append('v', 'progress 10%\rprogress 100%\r\n');
    output.append('v', 'no final newline');
    expect(output.lines['v']).toEqual(['progress 100%']);
    output.flush();
    expect(output.lines['v']).toEqual(['progress 100%', 'no final newline']);
  });

  it('keeps the newest lines up to its limit', () => {
    const output = stepOutput(3);
    output.append('v', 'a\nb\nc\nd\ne\n');
    expect(output.lines['v']).toEqual(['c', 'd', 'e']);
  });

  it('leaves the state it was given as it was', () => {
    const before: StepOutputState = { lines: { v: ['a'] }, open: {} };
    const after = flushStepOutput(appendStepOutput(before, 'v', 'b\nc', undefined));
    expect(after.lines['v']).toEqual(['a', 'b', 'c']);
    expect(before).toEqual({ lines: { v: ['a'] }, open: {} });
  });

  it.each([
    ['classic', createClassicBuildParser],
    ['buildkit', createBuildKitParser],
  ] as const)('gives the %s recording of a failing apt-get whole lines', (builder, createParser) => {
    const replay = replayBuildStream(
      createParser(analyzeDockerfile(APT_DOCKERFILE), () => 0),
      readBuildStreamFixture(`failed-${builder}-apt-missing-package`),
    );
    const output = stepOutput();
    for (const update of replay.updates) {
      if (update.kind === 'log' && update.stepId) output.append(update.stepId, update.text, update.stream);
    }
    output.flush();
    const failed = replay.steps.find((step) => step.status === 'error');
    // Above these: apt-get update's Get:/Fetched lines, which name the mirror and its speed.
    expect(commandOutputTail(output.lines[failed!.id] ?? [], 4)).toEqual([
      'Reading package lists...',
      'Reading package lists...',
      'Building dependency tree...',
      'E: Unable to locate package nosuchpackage',
    ]);
  });

  it('joins apt’s E with its line when the classic builder sends stderr before the stdout it follows', () => {
    // The recorded classic messages with apt's error cut after its E and that piece moved ahead
    // of the stdout before it, as the rig sent them in one e2e run: the engine reads the two
    // pipes separately.
    const { messages, at, pieces } = classicAptErrorCut();
    const stdout = messages.findIndex((message) => message.stream === 'Building dependency tree...');
    expect(stdout).toBeGreaterThan(-1);
    expect(stdout).toBeLessThan(at);
    const reordered: StreamMessage[] = [
      ...messages.slice(0, stdout),
      { stream: pieces[0] },
      ...messages.slice(stdout, at),
      { stream: pieces[1] },
      ...messages.slice(at + 1),
    ];
    const replay = replayBuildStream(
      createClassicBuildParser(analyzeDockerfile(APT_DOCKERFILE), () => 0),
      reordered,
    );
    const output = stepOutput();
    for (const update of replay.updates) {
      if (update.kind === 'log' && update.stepId) output.append(update.stepId, update.text, update.stream);
    }
    output.flush();
    const failed = replay.steps.find((step) => step.status === 'error');
    expect(failed?.instruction).toBe('RUN apt-get update && apt-get install -y nosuchpackage');
    expect(commandOutputTail(output.lines[failed!.id] ?? [], 4)).toEqual([
      'Reading package lists...',
      'Reading package lists...',
      'Building dependency tree...',
      'E: Unable to locate package nosuchpackage',
    ]);
  });
});

describe('commandOutputTail', () => {
  it('leaves out the classic builder’s own lines and blank lines', () => {
    const lines = [
      'Step 3/7 : RUN apt-get install -y x',
      ' ---> Running in f8bda7133ed1',
      'Reading package lists...',
      '',
      'E: Unable to locate package x',
      'Removing intermediate container f8bda7133ed1',
    ];
    expect(commandOutputTail(lines, 8)).toEqual([
      'Reading package lists...',
      'E: Unable to locate package x',
    ]);
    expect(commandOutputTail(lines, 1)).toEqual(['E: Unable to locate package x']);
  });

  it('keeps what a tool prints starting with ERROR: (apk, pip)', () => {
    expect(commandOutputTail(['ERROR: unable to select packages:', '  x (no such package):'], 8)).toEqual([
      'ERROR: unable to select packages:',
      '  x (no such package):',
    ]);
  });
});

describe('withoutAnsi', () => {
  it('removes colour and cursor codes', () => {
    expect(withoutAnsi('\u001b[91mred\u001b[0m \u001b[1;31mbold\u001b[0m\u001b[2K')).toBe('red bold');
  });
});
