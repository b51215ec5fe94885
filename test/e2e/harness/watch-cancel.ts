/**
 * In the page: counts frames, and notes the frame and time the page first answers the click —
 * the button saying "Cancelling…", or the build already shown as cancelled (a quick engine can end
 * it within the frame, and the button is gone before it was seen) — and the next frame, the one
 * that paints the answer. `clickedAt` is the click event's time stamp: when the input arrived, so
 * a main thread busy with log events counts against the answer.
 */
export const WATCH_CANCEL = `(() => {
  const w = window;
  w.__dwCancel = { frame: 0, clickedFrame: null, clickedAt: null, answeredFrame: null, answeredAt: null, paintedAt: null };
  const rec = w.__dwCancel;
  const tick = (time) => {
    rec.frame += 1;
    if (rec.answeredAt !== null) rec.paintedAt = time;
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.addEventListener('click', (event) => {
    if (event.target.closest('button')?.textContent === 'Cancel build') {
      rec.clickedFrame = rec.frame;
      rec.clickedAt = event.timeStamp;
    }
  }, true);
  new MutationObserver(() => {
    if (rec.clickedAt === null || rec.answeredAt !== null) return;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancelling…');
    const ended = document.querySelector('[data-testid="build-status"]')?.textContent === 'Cancelled';
    if (button || ended) { rec.answeredFrame = rec.frame; rec.answeredAt = performance.now(); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

export interface CancelWatch {
  frame: number;
  clickedFrame: number | null;
  clickedAt: number | null;
  answeredFrame: number | null;
  answeredAt: number | null;
  /** The frame time the answer was painted in. */
  paintedAt: number | null;
}

/** How long from the click to the frame that painted the answer, in ms and frames. */
export function cancelAnswer(watch: CancelWatch): { ms: number; frames: number } {
  if (watch.clickedAt === null || watch.paintedAt === null || watch.answeredFrame === null)
    throw new Error('the click was not answered');
  return { ms: watch.paintedAt - watch.clickedAt, frames: watch.answeredFrame + 1 - watch.clickedFrame! };
}
