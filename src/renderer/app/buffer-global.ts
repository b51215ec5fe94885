/**
 * dockerfile-ast (used by the wizard's linter and the Dockerfile outline) calls Node's `Buffer`
 * to detect a UTF-8 BOM; the sandboxed renderer has no Node globals, so it gets the browser
 * implementation of the same API. Imported first by main.tsx.
 */
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= Buffer;
