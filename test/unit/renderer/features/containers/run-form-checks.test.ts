import { describe, expect, it } from 'vitest';
import {
  checkPort,
  fieldLabel,
  fieldMessage,
} from '../../../../../src/renderer/features/containers/run-form-checks';

describe('checkPort', () => {
  it('accepts 1 to 65535', () => {
    expect(checkPort('1', 'Host', 1)).toBeNull();
    expect(checkPort(' 8080 ', 'Host', 1)).toBeNull();
    expect(checkPort('65535', 'Container', 2)).toBeNull();
  });

  it('names the field by its label and row, never by an internal path', () => {
    expect(checkPort('70000', 'Host', 1)).toBe(
      'Host port of row 1: must be from 1 to 65535 (70000 is out of range).',
    );
    expect(checkPort('0', 'Host', 2)).toMatch(/^Host port of row 2: must be from 1 to 65535/);
    expect(checkPort('80a', 'Container', 3)).toBe(
      'Container port of row 3: must be a whole number from 1 to 65535, not “80a”.',
    );
    expect(checkPort('-1', 'Host', 1)).toMatch(/whole number/);
    expect(checkPort('8.5', 'Host', 1)).toMatch(/whole number/);
    expect(checkPort('', 'Host', 1)).toBe(
      'Host port of row 1: enter a port from 1 to 65535, or remove the row.',
    );
  });
});

describe('fieldLabel', () => {
  it.each([
    ['ports.0.hostPort', 'Host port of row 1'],
    ['ports.4.containerPort', 'Container port of row 5'],
    ['mounts.1.source', 'Source of folder/volume row 2'],
    ['mounts.0.target', 'Path inside of folder/volume row 1'],
    ['env.MY VAR', 'Variable MY VAR'],
    ['name', 'Container name'],
    ['command', 'Command'],
  ])('%s → %s', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });
});

describe('fieldMessage', () => {
  it('replaces the request check’s path prefix with the field’s label', () => {
    expect(
      fieldMessage({ field: 'ports.0.hostPort', message: 'ports.0.hostPort: Ports go from 1 to 65535' }),
    ).toBe('Host port of row 1: Ports go from 1 to 65535');
  });

  it('leaves messages that are already words alone', () => {
    const message = 'Port 8080 is already in use on this machine; 8081 is free.';
    expect(fieldMessage({ field: 'ports.0.hostPort', message })).toBe(message);
    expect(fieldMessage({ message: 'No engine.' })).toBe('No engine.');
  });
});
