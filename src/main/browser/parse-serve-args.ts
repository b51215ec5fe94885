/**
 * Command-line options of browser mode (`node out/main/browser.js …`).
 */
import { DEFAULT_SESSION_IDLE_MS } from './access-guard';
export interface ServeArgs {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Open the sign-in link in the system browser. */
  open: boolean;
  /** Overrides where settings and build history live. */
  dataDir: string | null;
  /** A sign-in session unused this long ends. */
  sessionIdleMs: number;
  help: boolean;
}

export const SERVE_USAGE = `Usage: node out/main/browser.js [--port N] [--host ADDRESS] [--open] [--data-dir DIR]
                              [--session-idle TIME]

  --port N         listen on port N (default: a free port)
  --host ADDRESS   listen on ADDRESS (default: 127.0.0.1). Anything but loopback lets other
                   machines reach your Docker engine: prefer SSH port forwarding.
  --open           open the one-time sign-in link in the system browser
  --data-dir DIR   settings and build history (default: the Electron app's folder)
  --session-idle TIME
                   a signed-in browser unused this long must sign in again, e.g. 30m, 12h, 7d
                   (default: 12h)`;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Reads a duration such as 30m, 12h or 7d; null when it is not one or is zero. */
function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}

/** Reads argv (without node and the script); an error names the bad option. */
export function parseServeArgs(argv: readonly string[]): ServeArgs | { error: string } {
  const args: ServeArgs = {
    host: '127.0.0.1',
    port: 0,
    open: false,
    dataDir: null,
    sessionIdleMs: DEFAULT_SESSION_IDLE_MS,
    help: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) return null;
      index++;
      return next;
    };
    switch (name) {
      case '--port': {
        const text = value();
        const port = text !== null && /^\d{1,5}$/.test(text) ? Number(text) : NaN;
        if (!(port >= 0 && port <= 65535))
          return { error: `--port needs a number from 0 to 65535 (got ${text ?? 'nothing'})` };
        args.port = port;
        break;
      }
      case '--host': {
        const text = value();
        if (!text) return { error: '--host needs an address, e.g. --host 127.0.0.1' };
        args.host = text;
        break;
      }
      case '--data-dir': {
        const text = value();
        if (!text) return { error: '--data-dir needs a folder' };
        args.dataDir = text;
        break;
      }
      case '--session-idle': {
        const text = value();
        const ms = text === null ? null : parseDuration(text);
        if (ms === null)
          return { error: `--session-idle needs a time such as 30m, 12h or 7d (got ${text ?? 'nothing'})` };
        args.sessionIdleMs = ms;
        break;
      }
      case '--open':
        args.open = true;
        break;
      case '--no-open':
        args.open = false;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        return { error: `Unknown option ${arg}` };
    }
  }
  return args;
}
