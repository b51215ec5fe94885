import { useEffect } from 'react';
import { useNow } from '../components/use-now';
import { useOperationValue } from '../lib/operations/operations-context';
import { buildProgress } from '@shared/operations/fold-build';

/**
 * The window title (and so the taskbar) tells build progress while the app is in the background:
 * "Step 3/7 · 0:12 — Dockwright".
 */
export function useWindowTitle(running: readonly string[]): void {
  const now = useNow(running.length > 0 ? 1000 : 60_000);
  // A string, so the window renders again when the title changes, not for every line of the log.
  const title = useOperationValue('build', running[0] ?? null, (first) => {
    if (!first) return 'Dockwright';
    const steps = buildProgress(first.steps);
    const seconds = Math.max(0, Math.floor((now - first.summary.startedAt) / 1000));
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const more = running.length > 1 ? ` (+${running.length - 1} more)` : '';
    const progress = steps.count > 0 ? `Step ${steps.ran}/${steps.total}` : 'Starting build';
    return `${progress} · ${elapsed}${more} — Dockwright`;
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
