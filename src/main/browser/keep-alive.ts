import type { WebSocket } from 'ws';

/**
 * Pings a page's socket every `intervalMs` and drops it when the previous ping went unanswered.
 *
 * A browser on a sleeping laptop or behind a cut network never sends a close frame; without this
 * its socket (and the work it holds, aborted on close) would stay until TCP gave up, hours later.
 * Browsers answer pings by themselves, so a live page costs nothing.
 */
export function keepAlive(socket: WebSocket, intervalMs: number): void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  socket.on('close', () => clearInterval(timer));
}
