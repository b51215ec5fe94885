import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  detectScriptProject,
  filesNamed,
  shebangShell,
} from '../../../../src/main/wizard/detect-script-project';
import { detectProject } from '../../../../src/main/wizard/detect-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { ScriptAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-script-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function detect(files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
    chmodSync(join(dir, path), 0o755);
  }
  const detection = await detectScriptProject(openProjectFiles(dir));
  return { detection, answers: detection?.answers as ScriptAnswers | undefined };
}

describe('shebangShell', () => {
  it.each([
    ['#!/bin/bash\n', 'bash'],
    ['#!/usr/bin/env bash\n', 'bash'],
    ['#! /usr/bin/env -S bash -e\n', 'bash'],
    ['#!/bin/sh -eu\n', 'sh'],
    ['#!/bin/dash\n', 'sh'],
    ['#!/usr/bin/env python3\n', 'other'],
    ['echo hi\n', null],
  ])('reads %j as %s', (text, shell) => {
    expect(shebangShell(text)).toBe(shell);
  });
});

describe('filesNamed', () => {
  it('finds the project files a script names as paths, not words that merely contain them', () => {
    const text = 'source "$here/lib/common.sh"\njq . ./config.json\necho config.jsonl\ncat notes.txt.bak';
    expect(filesNamed(text, ['lib/common.sh', 'config.json', 'notes.txt', 'common.sh'])).toEqual([
      'lib/common.sh',
      'config.json',
      'common.sh',
    ]);
  });
});

describe('detectScriptProject', () => {
  it('is not a script project without a shell script', async () => {
    expect((await detect({ 'tool.py': '#!/usr/bin/env python3\n', notes: 'text' })).detection).toBeNull();
  });

  it('takes a bash script with curl and jq as the ENTRYPOINT on Debian', async () => {
    const { detection, answers } = await detect({
      'fetch.sh': '#!/usr/bin/env bash\ncurl -s "$1" | jq -r .name\n',
    });
    expect(detection?.stack).toEqual(['Shell script']);
    expect(answers).toMatchObject({
      script: 'fetch.sh',
      shell: 'bash',
      shebang: true,
      distro: 'debian',
      commands: ['curl', 'jq'],
      startAs: 'entrypoint',
    });
  });

  it('runs a #!/bin/sh script that uses bash features with bash', async () => {
    const { answers, detection } = await detect({
      'run.sh': '#!/bin/sh\nif [[ -n $1 ]]; then echo "$1"; fi\n',
    });
    expect(answers).toMatchObject({ shell: 'bash', shebang: false, distro: 'debian' });
    expect(detection?.evidence.join('\n')).toContain('uses bash features ([[)');
  });

  it('runs a .sh file without a #! line through sh on Alpine when it is plain POSIX', async () => {
    expect((await detect({ 'job.sh': 'date\n' })).answers).toMatchObject({
      shell: 'sh',
      shebang: false,
      distro: 'alpine',
    });
  });

  it('takes the script no other one sources as the program, and offers the rest in order', async () => {
    const { detection, answers } = await detect({
      'lib.sh': 'log() { echo "$@"; }\n',
      'build.sh': '#!/bin/bash\nsource ./lib.sh\nlog building\nmake\n',
      'bin/helper': '#!/bin/sh\nexit 0\n',
    });
    expect(answers?.script).toBe('build.sh');
    expect(answers?.commands).toEqual(['make']);
    expect(answers).toMatchObject({ projectFiles: ['lib.sh'], copyProject: true });
    expect(detection?.suggestions.script).toEqual(['build.sh', 'bin/helper', 'lib.sh']);
  });

  it('does not count the README or the files it never ships as read at run time', async () => {
    const { answers } = await detect({ 'x.sh': '#!/bin/sh\n# see README.md\necho hi\n', 'README.md': '' });
    expect(answers).toMatchObject({ projectFiles: [], copyProject: false });
  });

  it.each([
    [{ 'requirements.txt': 'flask\n', 'app.py': '', 'run.sh': '#!/bin/sh\nflask run\n' }, 'python'],
    [{ 'index.html': '<h1>hi</h1>', 'deploy.sh': '#!/bin/bash\nrsync -a . host:/srv\n' }, 'static'],
    [
      {
        'package.json': '{"main":"index.js"}',
        Gemfile: 'gem "cocoapods"',
        'build.sh': '#!/bin/sh\nnpm ci\n',
      },
      'node',
    ],
    [{ 'tool.sh': '#!/bin/sh\necho hi\n', 'README.md': '# tool' }, 'script'],
  ])('leaves a project with a helper script to its own template: %j is %s', async (files, template) => {
    await detect(files);
    expect((await detectProject(dir)).template).toBe(template);
  });
});
