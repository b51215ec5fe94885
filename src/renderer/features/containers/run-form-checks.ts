import type { AppError } from '@shared/result';

/**
 * What is wrong with a port typed into row `row` (1-based) of the Run form, as the user reads it:
 * "Host port of row 1: must be a whole number from 1 to 65535". Null when it is fine.
 */
export function checkPort(text: string, which: 'Host' | 'Container', row: number): string | null {
  const value = text.trim();
  const label = `${which} port of row ${row}`;
  if (value === '') return `${label}: enter a port from 1 to 65535, or remove the row.`;
  if (!/^\d+$/.test(value)) return `${label}: must be a whole number from 1 to 65535, not “${value}”.`;
  const port = Number(value);
  if (port < 1 || port > 65535) return `${label}: must be from 1 to 65535 (${value} is out of range).`;
  return null;
}

/** The label a person sees for a field the server named by its path (`ports.0.hostPort`). */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const row = Number(parts[1]) + 1;
  if (parts[0] === 'ports' && parts.length >= 3) {
    const which =
      parts[2] === 'hostPort' ? 'Host port' : parts[2] === 'containerPort' ? 'Container port' : 'Protocol';
    return `${which} of row ${row}`;
  }
  if (parts[0] === 'mounts' && parts.length >= 3) {
    const which = parts[2] === 'source' ? 'Source' : parts[2] === 'target' ? 'Path inside' : 'Kind';
    return `${which} of folder/volume row ${row}`;
  }
  if (parts[0] === 'env') return parts.length > 1 ? `Variable ${parts.slice(1).join('.')}` : 'Variables';
  const plain: Record<string, string> = {
    name: 'Container name',
    command: 'Command',
    image: 'Image',
    ports: 'Ports',
    mounts: 'Folders and volumes',
  };
  return plain[parts[0] ?? ''] ?? path;
}

/**
 * A server error for a field, worded for the form: a message the request check prefixed with the
 * internal path ("ports.0.hostPort: …") gets the field's label instead.
 */
export function fieldMessage(error: Pick<AppError, 'message' | 'field'>): string {
  if (!error.field) return error.message;
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix)
    ? `${fieldLabel(error.field)}: ${error.message.slice(prefix.length)}`
    : error.message;
}
