import { useEffect } from 'react';
import { useNow } from '../components/use-now';
import { useOperation } from '../lib/operations/operations-context';

/**
 * The window title (and so the taskbar) tells build progress while the app is in the background:
 * "Step 3/7 · 0:12 — Dockwright".
 */
export function useWindowTitle(running: readonly string[]): void {
  const now = useNow(running.length > 0 ? 1000 : 60_000);
  const first = useOperation('build', running[0] ?? null);
  let title = 'Dockwright';
  if (first) {
    const steps = first.steps.filter((step) => !step.internal);
    const finished = steps.filter((step) => ['done', 'cached', 'error'].includes(step.status)).length;
    const total = steps[steps.length - 1]?.total ?? steps.length;
    const seconds = Math.max(0, Math.floor((now - first.summary.startedAt) / 1000));
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const more = running.length > 1 ? ` (+${running.length - 1} more)` : '';
    const progress = steps.length > 0 ? `Step ${finished}/${total}` : 'Starting build';
    title = `${progress} · ${elapsed}${more} — Dockwright`;
  }
  useEffect(() => {
    document.title = title;
  }, [title]);
}
