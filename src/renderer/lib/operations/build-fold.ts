import { closeSteps, type BuildStep, type BuildWarning } from '@shared/builds/build-model';
import type { BuildError, BuildEvent, BuildSummary } from '@shared/builds/build-record';
import { createStepOutput, type StepOutput } from '@shared/builds/step-output';
import type { Fold } from './operations-store';

/** A build as the renderer follows it live: steps by id, the log as lines, warnings, outcome. */
export interface LiveBuild {
  summary: BuildSummary;
  steps: BuildStep[];
  /** Complete lines of the raw log; `partial` holds the unterminated tail. */
  lines: string[];
  partial: string;
  /** Log lines per step id, for the expandable step list. */
  stepLogs: Record<string, string[]>;
  warnings: BuildWarning[];
  error: BuildError | null;
  context: { sentBytes: number; totalBytes: number } | null;
  /** Bumped on every change so React sees a new snapshot without copying 500k lines. */
  version: number;
  /** Joins step output into whole lines of `stepLogs`; null once the build has finished. */
  stepOutput: StepOutput | null;
}

const appendLog = (build: LiveBuild, text: string): void => {
  const pieces = (build.partial + text).split('\n');
  build.partial = pieces.pop() ?? '';
  build.lines.push(...pieces);
};

/** Builds: lines are appended in place (a log can reach 500k lines); each event makes a new top object. */
export const buildFold: Fold<LiveBuild, BuildEvent> = {
  start: (_id, event) => {
    if (event.kind !== 'started') return null;
    const stepLogs: Record<string, string[]> = {};
    return {
      summary: event.summary,
      steps: [],
      lines: [],
      partial: '',
      stepLogs,
      warnings: [],
      error: null,
      context: null,
      version: 0,
      stepOutput: createStepOutput(stepLogs),
    };
  },
  apply: (current, event) => {
    if (event.kind === 'started') return buildFold.start('', event, 0) ?? current;
    const build = { ...current };
    switch (event.kind) {
      case 'context':
        build.context = { sentBytes: event.sentBytes, totalBytes: event.totalBytes };
        break;
      case 'step': {
        const index = build.steps.findIndex((step) => step.id === event.step.id);
        build.steps = index >= 0 ? build.steps.with(index, event.step) : [...build.steps, event.step];
        break;
      }
      case 'log':
        appendLog(build, event.text);
        if (event.stepId) build.stepOutput?.append(event.stepId, event.text, event.stream);
        break;
      case 'warning':
        build.warnings = [...build.warnings, event.warning];
        break;
      case 'image':
        build.summary = { ...build.summary, imageId: event.imageId };
        break;
      case 'error':
        build.error ??= { message: event.message, line: event.line };
        // Only in the raw log: a step's lines are what its command printed.
        appendLog(build, `ERROR: ${event.message}\n`);
        break;
      case 'finished':
        build.summary = event.summary;
        // The ended build's steps as the record keeps them: none stays running or queued.
        build.steps = closeSteps(build.steps, event.summary.status, event.summary.endedAt);
        build.error = event.summary.error ?? build.error;
        build.stepOutput?.flush();
        build.stepOutput = null;
        if (build.partial) {
          build.lines.push(build.partial);
          build.partial = '';
        }
        break;
    }
    build.version += 1;
    return build;
  },
};
