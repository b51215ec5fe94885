import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { goCautions } from '../../../../../src/shared/wizard/templates/go-template';
import type { GoAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<GoAnswers>): GoAnswers => ({ ...defaultAnswers('go'), ...changes });
const fields = (changes: Partial<GoAnswers>): string[] =>
  goCautions(answers(changes)).map((caution) => caution.field);

describe('the Go template', () => {
  it('says which of several main packages it builds', () => {
    const [caution] = goCautions(
      answers({ mainPackage: './cmd/server', mainPackages: ['./cmd/api', './cmd/server', './tools/gen'] }),
    );
    expect(caution?.message).toBe('3 main packages: building ./cmd/server; choose in Build.');
  });

  it('warns when the module has no main package, and stays quiet when nobody looked', () => {
    expect(fields({ mainPackages: [] })).toEqual(['mainPackage']);
    expect(fields({ mainPackages: null })).toEqual([]);
    expect(fields({ mainPackages: ['.'] })).toEqual([]);
  });

  it.each([
    [{ builderVariant: 'alpine', runtime: 'debian' }, ['builderVariant']],
    [{ builderVariant: 'debian', runtime: 'scratch' }, ['runtime']],
    [{ builderVariant: 'debian', runtime: 'distroless' }, ['runtime']],
    [{ builderVariant: 'debian', runtime: 'alpine' }, ['runtime']],
    [{ builderVariant: 'debian', runtime: 'debian' }, []],
  ] as const)('with cgo, %j is cautioned on %j', (choice, expected) => {
    expect(fields({ cgo: true, ...choice })).toEqual(expected);
  });

  it('asks for a port only when the program starts a server', () => {
    expect(fields({ listens: true, port: null })).toEqual(['port']);
    expect(fields({ listens: false, port: null })).toEqual([]);
    expect(fields({ listens: true, port: 8080 })).toEqual([]);
  });

  it('compiles with cgo on when the code needs it, and pins an exact version in the tag', () => {
    const text = generateDockerfile(
      answers({ cgo: true, builderVariant: 'debian', runtime: 'debian', goVersion: '1.22.3' }),
    );
    expect(text).toContain('FROM golang:1.22.3-bookworm AS build\nENV CGO_ENABLED=1');
    expect(text).toContain('FROM debian:12-slim');
    expect(text).toContain('useradd --system');
  });
});
