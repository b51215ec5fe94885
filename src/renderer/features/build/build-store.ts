import { useSyncExternalStore } from 'react';
import type { BuildStep, BuildWarning } from '@shared/build/build-model';
import type { BuildEvent, BuildSummary } from '@shared/build/build-record';
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
  error: { message: string; line: number | null } | null;
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
  const { notify, subscribe } = createNotifier();

  const appendLog = (build: LiveBuild, stepId: string | null, text: string): void => {
    const pieces = (build.partial + text).split('\n');
    build.partial = pieces.pop() ?? '';
    build.lines.push(...pieces);
    if (stepId) {
      const stepLines = (build.stepLogs[stepId] ??= []);
      stepLines.push(...text.split('\n').filter((line, index, all) => line !== '' || index < all.length - 1));
    }
  };

  const apply = (id: string, event: BuildEvent): void => {
    if (event.kind === 'started') {
      builds.set(id, {
        summary: event.summary,
        steps: [],
        lines: [],
        partial: '',
        stepLogs: {},
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
        appendLog(build, event.stepId, event.text);
        break;
      case 'warning':
        build.warnings = [...build.warnings, event.warning];
        break;
      case 'image':
        build.summary = { ...build.summary, imageId: event.imageId };
        break;
      case 'error':
        build.error ??= { message: event.message, line: event.line };
        appendLog(build, event.stepId, `ERROR: ${event.message}\n`);
        break;
      case 'finished':
        build.summary = event.summary;
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
