import { describe, expect, it } from 'vitest';
import { readToml, tomlString, tomlStrings, tomlTable } from '../../../../src/main/wizard/read-toml';

describe('readToml', () => {
  it('reads a Poetry pyproject.toml: dotted tables, inline tables with extras, comments', () => {
    const toml = readToml(
      [
        '[tool.poetry]',
        'name = "orders-api"  # the service',
        'packages = [{ include = "orders_api", from = "src" }]',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.11"',
        'fastapi = "^0.110.0"',
        'sqlalchemy = { version = "^2.0", extras = ["asyncio", "mypy"] }',
        '"zope.interface" = "*"',
        '',
        '[tool.poetry.group.dev.dependencies]',
        'pytest = "^8.1"',
      ].join('\n'),
    );
    const dependencies = tomlTable(toml, 'tool.poetry.dependencies');
    expect(dependencies).toEqual({
      python: '^3.11',
      fastapi: '^0.110.0',
      sqlalchemy: { version: '^2.0', extras: ['asyncio', 'mypy'] },
      'zope.interface': '*',
    });
    expect(tomlTable(toml, 'tool.poetry.group.dev.dependencies')).toEqual({ pytest: '^8.1' });
    expect(tomlString(tomlTable(toml, 'tool.poetry'), 'name')).toBe('orders-api');
  });

  it('reads a multi-line [project] dependency array with both quotes, brackets inside strings and a trailing comma', () => {
    const toml = readToml(
      [
        '[project]',
        'name = "notes"',
        "requires-python = '>=3.12'",
        'dependencies = [',
        '    "fastapi[standard]>=0.115.0",  # includes uvicorn',
        '    \'tomli>=2.0; python_version < "3.11"\',',
        '    "sqlmodel>=0.0.22",',
        ']',
        'description = """',
        'Several lines, with = signs and [brackets]',
        '"""',
        '[project.optional-dependencies]',
        'dev = ["pytest"]',
      ].join('\n'),
    );
    const project = tomlTable(toml, 'project');
    expect(tomlStrings(project, 'dependencies')).toEqual([
      'fastapi[standard]>=0.115.0',
      'tomli>=2.0; python_version < "3.11"',
      'sqlmodel>=0.0.22',
    ]);
    expect(tomlString(project, 'requires-python')).toBe('>=3.12');
    expect(tomlString(project, 'description')).toBe('Several lines, with = signs and [brackets]\n');
    expect(tomlStrings(tomlTable(toml, 'project.optional-dependencies'), 'dev')).toEqual(['pytest']);
  });

  it('reads a Pipfile: arrays of tables, booleans kept as text, [requires]', () => {
    const toml = readToml(
      [
        '[[source]]',
        'url = "https://pypi.org/simple"',
        'verify_ssl = true',
        '',
        '[packages]',
        'django = "==5.0.6"',
        'psycopg = {extras = ["binary"], version = "==3.1.19"}',
        '',
        '[requires]',
        'python_version = "3.11"',
      ].join('\n'),
    );
    expect(toml.source).toEqual([{ url: 'https://pypi.org/simple', verify_ssl: 'true' }]);
    expect(tomlTable(toml, 'packages')).toEqual({
      django: '==5.0.6',
      psycopg: { extras: ['binary'], version: '==3.1.19' },
    });
    expect(tomlString(tomlTable(toml, 'requires'), 'python_version')).toBe('3.11');
  });

  it('collects [[package]] tables of a lock file and dotted keys inside a table', () => {
    const toml = readToml(
      [
        '[[package]]',
        'name = "fastapi"',
        'version = "0.110.1"',
        '[package.extras]',
        'all = ["uvicorn"]',
        '[[package]]',
        'name = "idna"',
        '[tool.uv]',
        'dev-dependencies.pytest = ">=8"',
      ].join('\n'),
    );
    expect(toml.package).toEqual([
      { name: 'fastapi', version: '0.110.1', extras: { all: ['uvicorn'] } },
      { name: 'idna' },
    ]);
    expect(tomlTable(toml, 'tool.uv')).toEqual({ 'dev-dependencies': { pytest: '>=8' } });
  });

  it('decodes escapes in basic strings and keeps literal strings as written', () => {
    const toml = readToml('a = "tab\\there \\"q\\" \\u00e9"\nb = \'C:\\path\\n\'\n');
    expect(toml).toEqual({ a: 'tab\there "q" é', b: 'C:\\path\\n' });
  });

  it('skips lines it cannot read and keeps going', () => {
    const toml = readToml('[project]\nthis is not toml\nname = "ok"\nbroken = "unclosed\nversion = "1"\n');
    expect(tomlTable(toml, 'project')).toEqual({ name: 'ok', version: '1' });
  });
});
