import { describe, expect, it } from 'vitest';
import { describeEntrypointAndCmd, formatCommand, isBareShell } from '../../../src/shared/describe-command';

describe('formatCommand', () => {
  it('says "none" for no command and "an empty list" for []', () => {
    expect(formatCommand(null)).toBe('none');
    expect(formatCommand(null, '(image default)')).toBe('(image default)');
    expect(formatCommand([])).toBe('an empty list');
  });

  it('joins plain words and quotes the ones a shell would split or expand', () => {
    expect(formatCommand(['python', 'app.py', '--port=8080'])).toBe('python app.py --port=8080');
    expect(formatCommand(['/bin/sh', '-c', 'echo hi && sleep 1'])).toBe("/bin/sh -c 'echo hi && sleep 1'");
    expect(formatCommand(['echo', "it's"])).toBe(`echo 'it'\\''s'`);
    expect(formatCommand(['printf', ''])).toBe("printf ''");
  });
});

describe('describeEntrypointAndCmd', () => {
  it('uses words, never null or JSON', () => {
    expect(describeEntrypointAndCmd(null, ['bash'])).toBe('none / bash');
    expect(describeEntrypointAndCmd(['/entry.sh'], null)).toBe('/entry.sh / none');
    expect(describeEntrypointAndCmd(null, null)).toBe('none / none (the image sets no command)');
    expect(describeEntrypointAndCmd(['python'], ['app.py'])).not.toMatch(/null|\[|"/);
  });
});

describe('isBareShell', () => {
  it.each([
    [['bash'], true],
    [['sh'], true],
    [['/bin/sh'], true],
    [['/usr/bin/zsh', '-l'], true],
    [['bash', '--login'], true],
    [['busybox', 'sh'], true],
    [['sh', '-c', 'echo hi'], false],
    [['bash', '-lc', 'make'], false],
    [['sh', 'start.sh'], false],
    [['python'], false],
    [['/bin/bashful'], false],
    [[], false],
    [null, false],
  ] as const)('%j → %s', (command, expected) => {
    expect(isBareShell(command)).toBe(expected);
  });
});
