/**
 * The last line of defence of browser mode's process: an error that escaped every handler is
 * logged and the server keeps serving. Node's default (exit) would kill every running build and
 * push, and every other page's socket, for one bad request. Each request path handles its own
 * errors; reaching this guard is a bug to report, which is why it logs the whole stack.
 */

/** The part of `process` the guard hooks into; tests pass an EventEmitter. */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Installs the guard on `target`; every escaped error goes to `log` with "uncaught" in its line. */
export function guardProcess(target: ProcessEvents, log: (line: string) => void): void {
  const report = (kind: string, error: unknown): void =>
    log(
      `Dockwright: ${kind} (kept serving; please report this): ${
        error instanceof Error ? (error.stack ?? error.message) : String(error)
      }`,
    );
  target.on('uncaughtException', (error) => report('uncaught exception', error));
  target.on('unhandledRejection', (reason) => report('uncaught promise rejection', reason));
}
