import { useSyncExternalStore } from 'react';
import { closeSteps, type BuildStep, type BuildWarning } from '@shared/build/build-model';
import type { BuildError, BuildEvent, BuildSummary } from '@shared/build/build-record';
import { createStepOutput, type StepOutput } from '@shared/build/step-output';
import { createNotifier } from '../../components/create-notifier';

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
}

/**
 * The app-level store of build streams, keyed by build id (DESIGN: operation streams live in one
 * store, not in queries). Lines are appended in place; `version` tells subscribers what changed.
 */
export function createBuildStore() {
  const builds = new Map<string, LiveBuild>();
  /** Each build's step output, joined into whole lines (into the build's `stepLogs`). */
  const outputs = new Map<string, StepOutput>();
  const { notify, subscribe } = createNotifier();

  const appendLog = (build: LiveBuild, text: string): void => {
    const pieces = (build.partial + text).split('\n');
    build.partial = pieces.pop() ?? '';
    build.lines.push(...pieces);
  };

  const apply = (id: string, event: BuildEvent): void => {
    if (event.kind === 'started') {
      const stepLogs: Record<string, string[]> = {};
      outputs.set(id, createStepOutput(stepLogs));
      builds.set(id, {
        summary: event.summary,
        steps: [],
        lines: [],
        partial: '',
        stepLogs,
        warnings: [],
        error: null,
        context: null,
        version: 0,
      });
      notify();
      return;
    }
    const build = builds.get(id);
    if (!build) return;
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
        if (event.stepId) outputs.get(id)?.append(event.stepId, event.text, event.stream);
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
        outputs.get(id)?.flush();
        outputs.delete(id);
        if (build.partial) {
          build.lines.push(build.partial);
          build.partial = '';
        }
        break;
    }
    build.version += 1;
    builds.set(id, { ...build });
    notify();
  };

  return {
    apply,
    get: (id: string): LiveBuild | undefined => builds.get(id),
    running: (): string[] =>
      [...builds.values()].filter((b) => b.summary.status === 'running').map((b) => b.summary.id),
    subscribe,
  };
}

export type BuildStore = ReturnType<typeof createBuildStore>;

/** Re-renders when the given build changes. */
export function useLiveBuild(store: BuildStore, id: string | null): LiveBuild | undefined {
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(id) : undefined));
}

/** Ids of builds still running, for the window title and the quit question. */
export function useRunningBuilds(store: BuildStore): string[] {
  const snapshot = useSyncExternalStore(store.subscribe, () => store.running().join(','));
  return snapshot ? snapshot.split(',') : [];
}
