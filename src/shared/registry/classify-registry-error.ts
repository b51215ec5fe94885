/**
 * What a registry's or the engine's refusal of a push or pull means for the user, in words that
 * say what to do next (log in, pick another namespace, check the address).
 *
 * The words differ by engine: 20.10 says `unauthorized: authentication required` or
 * `Get "https://…/v2/": x509: …`; the containerd image store (26.1) wraps them, e.g. `push access
 * denied, repository does not exist or may require authorization: authorization failed: no basic
 * auth credentials` or `tls: failed to verify certificate: x509: …`.
 */
import type { PushFailure } from '../push/push-model';

/** Which operation the registry refused: the advice differs. */
export type RegistryOperation = 'push' | 'pull';

const AUTH_WANTED = /unauthorized|authentication required|no basic auth credentials/i;

/**
 * The certificate problem in an engine's message (`x509: certificate signed by unknown authority`),
 * or null when the message is not about TLS. The x509 part is preferred: 26.1 puts
 * `tls: failed to verify certificate:` before it, which says less.
 */
export function certificateProblem(message: string): string | null {
  if (!/x509:|certificate|tls:/i.test(message)) return null;
  return /(x509: .*)$/i.exec(message)?.[1] ?? /(tls: .*)$/i.exec(message)?.[1] ?? message;
}

/** What to do about a registry certificate the engine does not trust. */
export function untrustedCertificateAdvice(
  displayName: string,
  registryKey: string,
  problem: string,
): string {
  return `The engine does not trust the TLS certificate of ${displayName} (${problem}). Put the registry's CA certificate in /etc/docker/certs.d/${registryKey}/ca.crt on the engine's machine, or add "${registryKey}" to "insecure-registries".`;
}

/**
 * The engine's message without the query strings of the URLs in it: an upload URL carries a
 * state token hundreds of characters long that tells the user nothing.
 */
export function withoutUrlQueries(message: string): string {
  return message.replace(/(https?:\/\/[^\s"?]+)\?[^\s"]*/g, '$1');
}

/** Maps the registry's and engine's words about a push or pull to what the user should do next. */
export function classifyRegistryError(
  engineMessage: string,
  registry: string | null,
  operation: RegistryOperation = 'push',
): PushFailure {
  const message = withoutUrlQueries(engineMessage);
  const where = registry ?? 'the registry';
  if (AUTH_WANTED.test(message)) {
    const toDo = operation === 'push' ? 'to push there' : 'to pull from it';
    return { reason: 'unauthorized', message: `Log in to ${where} ${toDo}. (${message})`, registry };
  }
  if (/denied/i.test(message)) {
    return {
      reason: 'denied',
      message:
        operation === 'push'
          ? `This namespace isn't yours on ${where}: ${message}`
          : `${where} does not let this account pull this repository: ${message}`,
      registry,
    };
  }
  if (/name unknown|repository name not known/i.test(message)) {
    return {
      reason: 'name-unknown',
      message: `The registry does not know this repository: ${message}`,
      registry,
    };
  }
  if (/does not exist locally|no such image|An image does not exist|tag does not exist/i.test(message)) {
    return { reason: 'not-found', message, registry: null };
  }
  const problem = certificateProblem(message);
  if (problem !== null && registry !== null) {
    return { reason: 'other', message: untrustedCertificateAdvice(registry, registry, problem), registry };
  }
  // 26.1's pusher, when the registry dies mid-upload, may also say "write tcp …: use of closed
  // network connection" or "broken pipe" (measured with the registry killed).
  if (
    /connection refused|no such host|i\/o timeout|EOF|connection reset|dial tcp|use of closed network connection|broken pipe/i.test(
      message,
    )
  ) {
    return { reason: 'unreachable', message: `The registry could not be reached: ${message}`, registry };
  }
  return { reason: 'other', message, registry };
}

/** The engine refuses a pull before streaming (HTTP 404/500): say which case it is. */
export function describePullFailure(message: string, reference: string, registry: string | null): string {
  // 26.1 says "repository does not exist or may require authorization: … no basic auth
  // credentials" when the registry wants a login: the login is the fix, not the name.
  if (AUTH_WANTED.test(message)) return classifyRegistryError(message, registry, 'pull').message;
  if (/manifest unknown|not found|does not exist/i.test(message)) {
    return `${reference} is not on ${registry ?? 'the registry'} (or you may not see it without logging in): ${withoutUrlQueries(message)}`;
  }
  return classifyRegistryError(message, registry, 'pull').message;
}
