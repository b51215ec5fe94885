/**
 * A known failure of a credential store: damaged config.json, a missing or failing credential
 * helper, no OS encryption. Its message is meant for the user and never holds a secret.
 */
export class CredentialStoreError extends Error {
  override readonly name: string = 'CredentialStoreError';
}

/**
 * Replaces the given secrets in a text shown to the user or logged.
 *
 * A secret of 8 characters or more is replaced wherever it appears; a shorter one only where it
 * stands alone, so a password "x" does not turn "x509" into "***509".
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= 8) {
      redacted = redacted.split(secret).join('***');
    } else if (secret.length > 0) {
      const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      redacted = redacted.replace(
        new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu'),
        '***',
      );
    }
  }
  return redacted;
}
