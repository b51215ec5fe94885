import { describe, expect, it } from 'vitest';
import { buildRequestSchema, requestForHistory } from '../../../../src/shared/builds/build-request';

function issues(input: Record<string, unknown>): { path: string; message: string }[] {
  const parsed = buildRequestSchema.safeParse({ contextDir: '/ctx', ...input });
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
}

describe('buildRequestSchema secrets and ssh', () => {
  it('accepts a request without secrets or ssh, leaving both absent', () => {
    const parsed = buildRequestSchema.parse({ contextDir: '/ctx' });
    expect(parsed.secrets).toBeUndefined();
    expect(parsed.ssh).toBeUndefined();
  });

  it('accepts secrets from a file and from a variable, filling the other source with null', () => {
    const parsed = buildRequestSchema.parse({
      contextDir: '/ctx',
      secrets: [
        { id: 'npmrc', src: '/home/me/.npmrc' },
        { id: 'token.v2', env: 'GH_TOKEN' },
      ],
      ssh: true,
    });
    expect(parsed.secrets).toEqual([
      { id: 'npmrc', src: '/home/me/.npmrc', env: null },
      { id: 'token.v2', src: null, env: 'GH_TOKEN' },
    ]);
    expect(parsed.ssh).toBe(true);
  });

  it.each([
    ['no source', [{ id: 's' }], 'secrets.0.src', /Choose the file or name the variable that holds secret s/],
    ['both sources', [{ id: 's', src: '/a', env: 'A' }], 'secrets.0.env', /not both/],
    ['a relative file path', [{ id: 's', src: 'secret.txt' }], 'secrets.0.src', /absolute path/],
    ['an empty id', [{ id: ' ', env: 'A' }], 'secrets.0.id', /needs an id/],
    ['an id with a slash', [{ id: 'a/b', env: 'A' }], 'secrets.0.id', /letters, digits/],
    ['a variable name with a dash', [{ id: 's', env: 'MY-VAR' }], 'secrets.0.env', /variable name/],
    [
      'the same id twice',
      [
        { id: 's', env: 'A' },
        { id: 's', env: 'B' },
      ],
      'secrets.1.id',
      /listed twice/,
    ],
    ['an unknown field', [{ id: 's', env: 'A', value: 'x' }], 'secrets.0', /value/],
  ])('refuses %s at the row and field it concerns', (_label, secrets, path, message) => {
    const found = issues({ secrets });
    expect(found.map((issue) => issue.path)).toContain(path);
    expect(found.find((issue) => issue.path === path)?.message).toMatch(message);
  });

  it('refuses more than 20 secrets', () => {
    const secrets = Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, env: 'A' }));
    expect(issues({ secrets }).map((issue) => issue.path)).toEqual(['secrets']);
  });

  it('refuses an ssh value that is not a boolean', () => {
    expect(issues({ ssh: 'default' }).map((issue) => issue.path)).toEqual(['ssh']);
  });
});

describe('requestForHistory', () => {
  it('keeps only the ids of secrets, not the file or variable they came from', () => {
    const request = buildRequestSchema.parse({
      contextDir: '/ctx',
      secrets: [
        { id: 'a', src: '/home/me/.aws/credentials' },
        { id: 'b', env: 'GH_TOKEN' },
      ],
      ssh: true,
    });
    const kept = requestForHistory(request);
    expect(kept.secrets).toEqual([
      { id: 'a', src: null, env: null },
      { id: 'b', src: null, env: null },
    ]);
    expect(JSON.stringify(kept)).not.toMatch(/credentials|GH_TOKEN/);
    expect(kept.ssh).toBe(true);
    expect(request.secrets?.[0]?.src).toBe('/home/me/.aws/credentials');
  });

  it('returns a request without secrets as it is', () => {
    const request = buildRequestSchema.parse({ contextDir: '/ctx' });
    expect(requestForHistory(request)).toBe(request);
  });
});
