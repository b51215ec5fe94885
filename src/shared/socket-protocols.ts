/**
 * How a page of browser mode opens its WebSocket, for both ends: the session secret it carries,
 * and the frame limit the server enforces and the page respects.
 *
 * The secret travels as a subprotocol because the upgrade is the one request a page's script can
 * add something to, and the server can refuse before any socket exists. The server picks
 * `APP_PROTOCOL`, so the secret is never echoed back.
 */
import { TEXT_MAX_BYTES } from './utf8-max';

/** The subprotocol the page offers and the server picks. */
export const APP_PROTOCOL = 'dockwright';

const SESSION_PREFIX = `${APP_PROTOCOL}.session.`;

/** Name of the #fragment parameter the sign-in redirect hands the secret over in. */
export const SESSION_FRAGMENT = 'session';

/** The subprotocols a page offers: ours, and the one carrying its session secret. */
export function socketProtocols(secret: string): string[] {
  return [APP_PROTOCOL, `${SESSION_PREFIX}${secret}`];
}

/** The session secret among offered subprotocols; null when none carries one. */
export function secretFromProtocols(protocols: Iterable<string>): string | null {
  for (const protocol of protocols) {
    if (protocol.startsWith(SESSION_PREFIX) && protocol.length > SESSION_PREFIX.length)
      return protocol.slice(SESSION_PREFIX.length);
  }
  return null;
}

/**
 * How many text payloads the largest request carries (`wizard:write-files`: the Dockerfile, the
 * .dockerignore, and what the user was shown of each), and what JSON makes of one byte at worst
 * (a control character becomes `\u0001`).
 */
const TEXT_FIELDS_IN_LARGEST_REQUEST = 4;
const JSON_ESCAPE_FACTOR = 6;

/**
 * The largest frame the server reads, in bytes: above the largest request whose text fields are at
 * their cap even if every byte needs escaping, plus 1 MiB for the other fields. A page never sends
 * more: it answers such a request with an error itself.
 */
export const MAX_FRAME_BYTES =
  TEXT_FIELDS_IN_LARGEST_REQUEST * JSON_ESCAPE_FACTOR * TEXT_MAX_BYTES + 1024 * 1024;
