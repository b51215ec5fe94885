/**
 * Flow control for one terminal session: counts output bytes sent to the page and not yet
 * acknowledged, and says when to pause and resume the engine stream, so a flood such as
 * `cat /dev/urandom | base64` waits for the page instead of piling up in main or in a socket.
 */

/** Unacknowledged bytes at which the engine stream is paused. */
export const PAUSE_AT_BYTES = 256 * 1024;
/** Unacknowledged bytes at or below which a paused stream resumes. */
export const RESUME_AT_BYTES = 64 * 1024;
/** The most one read from the engine's socket returns (libuv reads into 64 KiB buffers). */
export const ENGINE_READ_MAX_BYTES = 64 * 1024;
/** The most bytes ever outstanding: the pause mark plus the chunk that crossed it. */
export const MAX_OUTSTANDING_BYTES = PAUSE_AT_BYTES + ENGINE_READ_MAX_BYTES;

export interface OutputGate {
  /** Records `bytes` sent; true when the stream must pause now. */
  sent(bytes: number): boolean;
  /** Records `bytes` acknowledged; true when a paused stream may resume now. */
  acked(bytes: number): boolean;
  readonly outstanding: number;
  /** The most ever outstanding (what tests hold to the bound). */
  readonly peak: number;
  readonly paused: boolean;
}

export function createOutputGate(pauseAt = PAUSE_AT_BYTES, resumeAt = RESUME_AT_BYTES): OutputGate {
  let outstanding = 0;
  let peak = 0;
  let paused = false;
  return {
    sent(bytes) {
      outstanding += bytes;
      peak = Math.max(peak, outstanding);
      if (paused || outstanding < pauseAt) return false;
      paused = true;
      return true;
    },
    acked(bytes) {
      // A page acknowledging more than it was sent (a bug or a hostile page) cannot buy credit.
      outstanding = Math.max(0, outstanding - bytes);
      if (!paused || outstanding > resumeAt) return false;
      paused = false;
      return true;
    },
    get outstanding() {
      return outstanding;
    },
    get peak() {
      return peak;
    },
    get paused() {
      return paused;
    },
  };
}
