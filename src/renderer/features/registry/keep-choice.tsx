import { plainTextWarning, type KeepLogin, type RegistryPlace } from '@shared/registry';
import { keepOptions } from './keep-options';

/**
 * How to keep a login beyond this session, offering only the places that exist for this registry
 * here; picking config.json shows docker login's own plain-text warning first.
 */
export function KeepChoice({
  place,
  value,
  onChange,
}: {
  place: RegistryPlace;
  value: KeepLogin;
  onChange(keep: KeepLogin): void;
}) {
  return (
    <fieldset className="keep-choice" data-testid="login-place">
      <legend>Keep this login</legend>
      {place.source === 'session' ? (
        <p className="hint">
          No docker credential helper is configured, and Dockwright cannot encrypt saved logins here:{' '}
          {place.noEncryption}. Pushes and pulls use the login until Dockwright quits.
        </p>
      ) : null}
      {keepOptions(place).map((option) => (
        <label key={option.keep} className="check">
          <input
            type="radio"
            name="keep-login"
            value={option.keep}
            checked={value === option.keep}
            onChange={() => onChange(option.keep)}
          />{' '}
          {option.label}
        </label>
      ))}
      {value === 'config-file' && place.plainTextFile ? (
        <p className="warning-box" role="note" data-testid="plaintext-warning">
          {plainTextWarning(place.plainTextFile)}
        </p>
      ) : null}
    </fieldset>
  );
}
