import { describe, expect, it } from 'vitest';
import {
  readTomlTables,
  tomlString,
  tomlStrings,
  tomlTable,
} from '../../../../src/main/wizard/read-cargo-toml';

describe('readTomlTables', () => {
  it('reads the tables, arrays of tables and values a Cargo manifest uses', () => {
    const tables = readTomlTables(
      [
        '# a comment',
        '[package]',
        'name = "my-app" # trailing comment',
        "description = 'has # inside'",
        'edition.workspace = true',
        '',
        '[ workspace ]',
        'members = [',
        '  "crates/*", # all',
        "  'tools/gen',",
        ']',
        '',
        '[[bin]]',
        'name = "a"',
        '[[bin]]',
        'name = "b"',
        'path = "src/b.rs"',
        '[dependencies.serde]',
        'version = "1"',
      ].join('\n'),
    );
    expect(tomlString(tomlTable(tables, 'package'), 'name')).toBe('my-app');
    expect(tomlString(tomlTable(tables, 'package'), 'description')).toBe('has # inside');
    expect(tomlTable(tables, 'package')?.entries['edition.workspace']).toEqual({ raw: 'true' });
    expect(tomlStrings(tomlTable(tables, 'workspace'), 'members')).toEqual(['crates/*', 'tools/gen']);
    expect(
      tables.filter((table) => table.array && table.name === 'bin').map((table) => tomlString(table, 'name')),
    ).toEqual(['a', 'b']);
    expect(tomlTable(tables, 'dependencies.serde')).toBeDefined();
  });

  it('keeps inline tables raw and unescapes basic strings', () => {
    const tables = readTomlTables(
      '[dependencies]\ntokio = { version = "1", features = ["full"] }\nx = "a\\"b"\n',
    );
    expect(tomlTable(tables, 'dependencies')?.entries.tokio).toEqual({
      raw: '{ version = "1", features = ["full"] }',
    });
    expect(tomlString(tomlTable(tables, 'dependencies'), 'x')).toBe('a"b');
  });
});
