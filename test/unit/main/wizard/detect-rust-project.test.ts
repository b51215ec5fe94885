import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectRustProject, rustListening } from '../../../../src/main/wizard/detect-rust-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { RustAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-rust-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function detect(files: Record<string, string>): Promise<RustAnswers> {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const detection = await detectRustProject(openProjectFiles(dir));
  expect(detection?.template).toBe('rust');
  return detection!.answers as RustAnswers;
}

describe('rustListening', () => {
  it.each([
    ['TcpListener::bind("0.0.0.0:3000")', { port: 3000, loopback: false }],
    ['.bind(("127.0.0.1", 8080))?', { port: 8080, loopback: true }],
    ['SocketAddr::from(([0, 0, 0, 0], 8000))', { port: 8000, loopback: false }],
    ['SocketAddr::from(([127, 0, 0, 1], 3000))', { port: 3000, loopback: true }],
    ['bind(&addr)', { port: null, loopback: false }],
    ['bind("0.0.0.0:1"); bind("0.0.0.0:2")', { port: null, loopback: false }],
  ])('reads %s', (code, expected) => {
    expect(rustListening(`fn main() { ${code} }`)).toEqual(expected);
  });
});

describe('detectRustProject', () => {
  it('finds src/main.rs, src/bin files and folders, and [[bin]] renames', async () => {
    const answers = await detect({
      'Cargo.toml': '[package]\nname = "tool"\n\n[[bin]]\nname = "renamed"\npath = "src/bin/old.rs"\n',
      'src/main.rs': 'fn main() {}',
      'src/bin/old.rs': 'fn main() {}',
      'src/bin/extra/main.rs': 'fn main() {}',
      'src/bin/not-a-bin.txt': '',
    });
    expect(answers.binaries).toEqual(['tool', 'extra', 'renamed']);
    expect(answers).toMatchObject({ binary: 'tool', package: null, locked: false });
  });

  it('has no binary for a library crate, and builds no auto-discovered bins with autobins = false', async () => {
    const answers = await detect({
      'Cargo.toml': '[package]\nname = "lib"\nautobins = false\n',
      'src/main.rs': 'fn main() {}',
      'src/lib.rs': '',
    });
    expect(answers.binaries).toEqual([]);
  });

  it('reads the toolchain from a plain rust-toolchain file, and ignores channels that are not versions', async () => {
    expect(
      (await detect({ 'Cargo.toml': '[package]\nname = "a"\n', 'rust-toolchain': '1.81.0\n' })).rustVersion,
    ).toBe('1.81.0');
    rmSync(join(dir, 'rust-toolchain'));
    writeFileSync(join(dir, 'rust-toolchain.toml'), '[toolchain]\nchannel = "stable"\n');
    expect((await detect({})).rustVersion).toBe('1.83');
  });

  it('runs Rocket on all addresses at its default port 8000', async () => {
    const answers = await detect({
      'Cargo.toml': '[package]\nname = "site"\nedition = "2024"\n\n[dependencies]\nrocket = "0.5"\n',
      'src/main.rs': '#[launch]\nfn rocket() -> _ { rocket::build() }\n',
    });
    expect(answers).toMatchObject({ port: 8000, listens: true, rustVersion: '1.85' });
    expect(answers.env).toEqual([{ name: 'ROCKET_ADDRESS', value: '0.0.0.0' }]);
  });

  it('prefers a web server among workspace binaries and names its package', async () => {
    const answers = await detect({
      'Cargo.toml': '[workspace]\nmembers = ["cli", "web"]\nexclude = ["cli"]\n',
      'cli/Cargo.toml': '[package]\nname = "cli"\n',
      'cli/src/main.rs': 'fn main() {}',
      'web/Cargo.toml': '[package]\nname = "web-app"\n[dependencies]\naxum = "0.7"\n',
      'web/src/main.rs': 'fn main() {}',
    });
    expect(answers).toMatchObject({
      binary: 'web-app',
      package: 'web-app',
      binaries: ['web-app'],
      listens: true,
      port: null,
    });
  });
});
