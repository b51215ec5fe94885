import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import {
  cargoBuildCommand,
  rustCautions,
  rustTemplate,
} from '../../../../../src/shared/wizard/templates/rust-template';
import type { RustAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<RustAnswers>): RustAnswers => ({ ...defaultAnswers('rust'), ...changes });

describe('the Rust template', () => {
  it.each([
    [{}, 'cargo build --release --locked --bin app'],
    [{ locked: false, package: 'web', binary: 'server' }, 'cargo build --release -p web --bin server'],
  ])('builds %j with %s', (changes, command) => {
    expect(cargoBuildCommand(answers(changes))).toBe(command);
  });

  it('builds on the bookworm variant and ships the binary alone on Debian 12 slim as a new user', () => {
    const text = generateDockerfile(answers({ binary: 'api', port: 3000 }));
    expect(text).toContain('FROM rust:1.83-slim-bookworm AS build');
    expect(text).toContain('FROM debian:12-slim');
    expect(text).toContain('COPY --from=build /src/target/release/api /usr/local/bin/api');
    expect(text).toContain('USER app\nEXPOSE 3000\nCMD ["/usr/local/bin/api"]');
  });

  it('installs OpenSSL headers to build and libssl3 to run, but nothing on distroless', () => {
    const debian = generateDockerfile(answers({ openssl: true }));
    expect(debian).toContain('apt-get install -y --no-install-recommends pkg-config libssl-dev');
    expect(debian).toContain('apt-get install -y --no-install-recommends libssl3 ca-certificates');
    const distroless = generateDockerfile(answers({ openssl: true, runtime: 'distroless' }));
    expect(distroless).not.toContain('libssl3');
    expect(distroless).toContain('USER 10001:10001');
    expect(lintDockerfile(distroless).filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  it('cautions about several binaries, none, a loopback bind and a server without port', () => {
    const fields = (changes: Partial<RustAnswers>): string[] =>
      rustCautions(answers(changes)).map((c) => c.field);
    expect(fields({ binary: 'a', binaries: ['a', 'b'] })).toEqual(['binary']);
    expect(fields({ binaries: [] })).toEqual(['binary']);
    expect(fields({ binaries: null })).toEqual([]);
    expect(fields({ loopback: true, port: 8080 })).toEqual(['port']);
    expect(fields({ listens: true, port: null })).toEqual(['port']);
  });

  it('rejects names Cargo would not accept', () => {
    expect(
      rustTemplate.check(answers({ binary: 'a b', rustVersion: 'stable' }), 'debian').map((p) => p.field),
    ).toEqual(['binary', 'rustVersion']);
  });
});
