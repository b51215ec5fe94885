/**
 * What the page's main thread did in its long frames, from a Chromium trace: the page marks each
 * requestAnimationFrame with `performance.mark('dw-frame')`, and each gap between two marks over
 * the threshold is listed with the tasks that ran in it and their heaviest parts.
 */

/** Trace categories with tasks, script calls, style, layout, paint and GC of the renderer. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { functionName?: string; url?: string; lineNumber?: number; type?: string };
    beginData?: { dirtyObjects?: number; totalObjects?: number };
  };
}

function label(event: TraceEvent): string {
  const data = event.args?.data;
  const layout = event.args?.beginData;
  // How much of the page a layout touched tells a contained change from a whole-page one.
  if (event.name === 'Layout' && layout?.totalObjects !== undefined)
    return `Layout ${layout.dirtyObjects ?? '?'} of ${layout.totalObjects} objects`;
  if (data?.functionName || data?.url)
    return `${event.name} ${data.functionName || '(anonymous)'} ${(data.url ?? '').split('/').pop()}:${data.lineNumber ?? ''}`;
  if (data?.type) return `${event.name} ${data.type}`;
  return event.name;
}

/** One line per long frame, and under it its tasks with their heaviest nested events. */
export function traceLongFrames(trace: Buffer, thresholdMs: number): string {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = events.filter((event) => event.name === 'dw-frame');
  if (marks.length < 2) return 'trace: no frame marks';
  const { pid, tid } = marks[0]!;
  const complete = events
    .filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && (event.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts);
  const times = marks.map((mark) => mark.ts).sort((a, b) => a - b);
  const out: string[] = [];
  for (let index = 1; index < times.length; index++) {
    const from = times[index - 1]!;
    const to = times[index]!;
    if ((to - from) / 1000 < thresholdMs) continue;
    out.push(
      `long frame at +${((from - times[0]!) / 1000).toFixed(0)} ms: ${((to - from) / 1000).toFixed(1)} ms`,
    );
    const inside = complete.filter((event) => event.ts < to && event.ts + event.dur! > from);
    const tasks = inside.filter(
      (event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask',
    );
    for (const task of tasks.filter((t) => t.dur! >= 2000)) {
      const end = task.ts + task.dur!;
      const parts = inside
        .filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur! <= end)
        .filter((event) => !['RunTask', 'ThreadControllerImpl::RunTask'].includes(event.name));
      const totals = new Map<string, number>();
      for (const part of parts) totals.set(label(part), (totals.get(label(part)) ?? 0) + part.dur!);
      const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      out.push(`  task ${(task.dur! / 1000).toFixed(1)} ms at +${((task.ts - from) / 1000).toFixed(1)}`);
      for (const [name, dur] of top) out.push(`      ${(dur / 1000).toFixed(1).padStart(6)} ms  ${name}`);
    }
  }
  return out.length ? out.join('\n') : `trace: no frame over ${thresholdMs} ms`;
}
