/**
 * The app's Content-Security-Policy, one string for every way the renderer is served.
 *
 * Electron sets it as a response header for the app's pages; the e2e server and browser mode
 * send the same header, so a violation in tests is a violation in the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // recharts and React set inline style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
