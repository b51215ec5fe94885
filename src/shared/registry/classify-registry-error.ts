/**
 * What a registry's or the engine's refusal of a push or pull means for the user, in words that
 * say what to do next (log in, pick another namespace, check the address).
 */
import type { PushFailure } from '../push/push-model';

/** Maps the registry's and engine's words about a push or pull to what the user should do next. */
export function classifyRegistryError(message: string, registry: string | null): PushFailure {
  if (/unauthorized|authentication required|no basic auth credentials/i.test(message)) {
    return {
      reason: 'unauthorized',
      message: `Log in to ${registry ?? 'the registry'} to push there. (${message})`,
      registry,
    };
  }
  if (/denied/i.test(message)) {
    return {
      reason: 'denied',
      message: `This namespace isn't yours on ${registry ?? 'the registry'}: ${message}`,
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
  if (/does not exist locally|no such image|An image does not exist/i.test(message)) {
    return { reason: 'not-found', message, registry: null };
  }
  if (/connection refused|no such host|i\/o timeout|EOF|connection reset|dial tcp/i.test(message)) {
    return { reason: 'unreachable', message: `The registry could not be reached: ${message}`, registry };
  }
  return { reason: 'other', message, registry };
}

/** The engine refuses a pull before streaming (HTTP 404/500): say which case it is. */
export function describePullFailure(message: string, reference: string, registry: string | null): string {
  if (/manifest unknown|not found|does not exist/i.test(message)) {
    return `${reference} is not on ${registry ?? 'the registry'} (or you may not see it without logging in): ${message}`;
  }
  return classifyRegistryError(message, registry).message;
}
