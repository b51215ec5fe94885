import { describe, expect, it } from 'vitest';
import {
  commandInvocation,
  parseShellScript,
  subcommandOf,
} from '../../../../../src/shared/dockerfile/lint/shell-script';

const words = (text: string): string[][] =>
  parseShellScript(text).commands.map((command) => command.words.map((word) => word.value));

describe('parseShellScript', () => {
  it('splits simple commands at &&, ||, ;, | and &, keeping each operator', () => {
    const script = parseShellScript('a 1 && b || c; d | e & f');
    expect(script.commands.map((command) => [command.operatorBefore, command.words[0]?.value])).toEqual([
      [null, 'a'],
      ['&&', 'b'],
      ['||', 'c'],
      [';', 'd'],
      ['|', 'e'],
      ['&', 'f'],
    ]);
  });

  it('keeps quoted text, escapes, substitutions and redirections inside words', () => {
    expect(words(`echo "a && b" 'c | d' e\\;f $(cat x | wc -l) \`g;h\` 2>&1 >/dev/null`)).toEqual([
      ['echo', 'a && b', 'c | d', 'e;f', '$(cat x | wc -l)', '`g;h`', '2>&1', '>/dev/null'],
    ]);
  });

  it('records where a comment starts and ignores what follows it', () => {
    const script = parseShellScript('make # && rm -rf /');
    expect(words('make # && rm -rf /')).toEqual([['make']]);
    expect(script.commentStart).toBe(5);
  });

  it('gives word positions in the parsed text', () => {
    const [command] = parseShellScript('  apt-get  install').commands;
    expect(command?.words.map(({ start, end }) => [start, end])).toEqual([
      [2, 9],
      [11, 18],
    ]);
  });
});

describe('commandInvocation', () => {
  it.each([
    ['sudo -E /usr/bin/apt-get install x', 'apt-get', ['install', 'x']],
    ['DEBIAN_FRONTEND=noninteractive apt-get -y install x', 'apt-get', ['-y', 'install', 'x']],
    ['env A=1 pip3 install .', 'pip3', ['install', '.']],
    ['then exec node app.js', 'node', ['app.js']],
  ])('finds the program of "%s"', (text, name, args) => {
    const invocation = commandInvocation(parseShellScript(text).commands[0]!);
    expect(invocation?.name).toBe(name);
    expect(invocation?.args.map((arg) => arg.value)).toEqual(args);
  });

  it('skips the values of options that take one when looking for the subcommand', () => {
    const invocation = commandInvocation(
      parseShellScript('apt-get -o Dpkg::Use-Pty=0 install x').commands[0]!,
    )!;
    expect(subcommandOf(invocation.args, new Set(['-o']))?.value).toBe('install');
  });
});
