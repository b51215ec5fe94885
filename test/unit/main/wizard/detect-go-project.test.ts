import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectGoProject, goModRequires, goModVersions } from '../../../../src/main/wizard/detect-go-project';
import { goListening, goPackages } from '../../../../src/main/wizard/go-packages';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { GoAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-go-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): ReturnType<typeof openProjectFiles> {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return openProjectFiles(dir);
}

const MAIN = 'package main\n\nfunc main() {}\n';

describe('goModVersions', () => {
  it.each([
    ['go 1.22\n', { go: '1.22', toolchain: null }],
    ['go 1.21.0\n', { go: '1.21.0', toolchain: null }],
    ['go 1.21.0\n\ntoolchain go1.22.3\n', { go: '1.21.0', toolchain: '1.22.3' }],
    ['module x\n// go 1.20 in a comment\n', { go: null, toolchain: null }],
    ['go 1.22\ntoolchain default\n', { go: '1.22', toolchain: null }],
  ])('reads %j', (text, expected) => {
    expect(goModVersions(`module example.com/x\n${text}`)).toEqual(expected);
  });
});

describe('goModRequires', () => {
  it('lists direct requirements from blocks and single lines, without indirect ones', () => {
    const goMod = [
      'module x',
      'require github.com/gin-gonic/gin v1.10.0',
      'require (',
      '\tgithub.com/labstack/echo/v4 v4.12.0',
      '\tgolang.org/x/net v0.25.0 // indirect',
      ')',
    ].join('\n');
    expect(goModRequires(goMod)).toEqual(['github.com/labstack/echo/v4', 'github.com/gin-gonic/gin']);
  });
});

describe('goPackages', () => {
  it('skips what the go tool skips: testdata, vendor, _ and . folders, nested modules, ignored files', async () => {
    const files = project({
      'go.mod': 'module x\n',
      'main.go': '//go:build ignore\n\npackage main\n',
      'x.go': 'package x\n',
      'cmd/a/main.go': MAIN,
      'cmd/a/testdata/main.go': MAIN,
      'vendor/v/main.go': MAIN,
      '_old/main.go': MAIN,
      '.hidden/main.go': MAIN,
      'tools/go.mod': 'module x/tools\n',
      'tools/gen/main.go': MAIN,
      'internal/deep/er/still/main.go': MAIN,
      'cmd/b/main_test.go': MAIN,
    });
    const found = await goPackages(files);
    expect(found.map((found) => [found.dir, found.isMain])).toEqual([
      ['.', false],
      ['cmd/a', true],
      ['internal/deep/er/still', true],
    ]);
  });

  it('notices cgo in an import block and alone', async () => {
    const files = project({
      'a/a.go': 'package a\n\nimport (\n\t"fmt"\n\t"C"\n)\n',
      'b/b.go': 'package b\n\n// #include <stdio.h>\nimport "C"\n',
      'c/c.go': 'package c\n\nimport "fmt"\n\n// "C" in a comment\n',
    });
    expect((await goPackages(files)).map((found) => found.usesCgo)).toEqual([true, true, false]);
  });
});

describe('goListening', () => {
  it.each([
    ['http.ListenAndServe(":8080", nil)', null, { listens: true, port: 8080 }],
    ['srv := &http.Server{Addr: "0.0.0.0:9000"}\nsrv.ListenAndServe()', null, { listens: true, port: 9000 }],
    [
      'port := os.Getenv("PORT")\nif port == "" { port = "4000" }\nhttp.ListenAndServe(":"+port, nil)',
      null,
      { listens: true, port: 4000 },
    ],
    ['http.ListenAndServe(addr, nil)', null, { listens: true, port: null }],
    [
      'go http.ListenAndServe(":8080", a)\nhttp.ListenAndServe(":9090", b)',
      null,
      { listens: true, port: null },
    ],
    ['r.Run()', 'Gin', { listens: true, port: 8080 }],
    ['app.Listen(":3000")', 'Fiber', { listens: true, port: 3000 }],
    ['cmd.Run()\nexec.Command("ls").Run()', null, { listens: false, port: null }],
    ['// http.ListenAndServe(":8080", nil)\nfmt.Println("hi")', null, { listens: false, port: null }],
  ])('reads %j (framework %s)', (code, framework, expected) => {
    expect(goListening([`package main\n\nfunc main() {\n${code}\n}\n`], framework)).toMatchObject(expected);
  });
});

describe('detectGoProject', () => {
  async function detect(
    files: Record<string, string>,
  ): Promise<{ answers: GoAnswers; suggestions: Record<string, string[]> }> {
    const detection = await detectGoProject(project(files));
    expect(detection?.template).toBe('go');
    return { answers: detection!.answers as GoAnswers, suggestions: detection!.suggestions };
  }

  it('prefers cmd/<module name>, then the first under cmd/, then the root', async () => {
    const named = await detect({
      'go.mod': 'module github.com/acme/shop/v3\ngo 1.23\n',
      'main.go': MAIN,
      'cmd/admin/main.go': MAIN,
      'cmd/shop/main.go': MAIN,
    });
    expect(named.answers).toMatchObject({ mainPackage: './cmd/shop', binaryName: 'shop' });
    expect(named.suggestions.mainPackage).toEqual(['./cmd/shop', '.', './cmd/admin']);
    const first = await detect({
      'go.mod': 'module x/y\n',
      'main.go': MAIN,
      'cmd/b/main.go': MAIN,
      'cmd/a/main.go': MAIN,
    });
    expect(first.answers.mainPackage).toBe('./cmd/a');
  });

  it('takes the toolchain line as the exact version and offers the minor line', async () => {
    const { answers, suggestions } = await detect({
      'go.mod': 'module x\n\ngo 1.21.0\n\ntoolchain go1.22.3\n',
      'main.go': MAIN,
    });
    expect(answers.goVersion).toBe('1.22.3');
    expect(suggestions.goVersion).toEqual(['1.22.3', '1.22']);
  });

  it('builds cgo code on bookworm for Debian, and invents no port for a tool', async () => {
    const { answers } = await detect({
      'go.mod': 'module x\n',
      'main.go': 'package main\n\nimport "C"\n\nfunc main() {}\n',
    });
    expect(answers).toMatchObject({
      cgo: true,
      builderVariant: 'debian',
      runtime: 'debian',
      port: null,
      listens: false,
    });
  });

  it('records that no main package exists', async () => {
    const { answers } = await detect({ 'go.mod': 'module x\n', 'lib.go': 'package x\n' });
    expect(answers.mainPackages).toEqual([]);
    expect(answers.mainPackage).toBe('.');
  });

  it('is not a Go project without go.mod', async () => {
    expect(await detectGoProject(project({ 'main.go': MAIN }))).toBeNull();
  });
});
