import { describe, expect, it } from 'vitest';
import { readDockerfileSource } from '../../../../../src/shared/dockerfile/lint/dockerfile-source';
import { toolAction, toolCommands } from '../../../../../src/shared/dockerfile/lint/package-installs';
import { runCommands, runShells } from '../../../../../src/shared/dockerfile/lint/run-shells';

const shellOf = (run: string) => runShells(readDockerfileSource(`FROM debian:12\n${run}\n`))[0]!;
const commandsOf = (run: string) =>
  toolCommands(shellOf(run)).map((command) => ({
    tool: command.tool,
    action: toolAction(command),
    positionals: command.positionals.map((word) => word.value),
  }));

describe('toolCommands', () => {
  it('sorts options, option values and positionals per tool', () => {
    expect(commandsOf('RUN apt-get -o Acquire::Retries=3 install -t bookworm-backports -y curl')).toEqual([
      { tool: 'apt', action: 'install', positionals: ['install', 'curl'] },
    ]);
    expect(commandsOf('RUN gem install --no-document -i /gems rails -- --with-x')).toEqual([
      { tool: 'gem', action: 'install', positionals: ['install', 'rails'] },
    ]);
  });

  it('recognises pip behind python -m, pipx, microdnf and module installs', () => {
    expect(commandsOf('RUN python3 -m pip install flask && pipx install black').map((c) => c.tool)).toEqual([
      'pip',
      'pip',
    ]);
    expect(commandsOf('RUN microdnf module install -y nodejs:20')).toEqual([
      { tool: 'dnf', action: 'module install', positionals: ['module', 'install', 'nodejs:20'] },
    ]);
    expect(commandsOf('RUN pipenv install black')).toEqual([]);
  });
});

describe('runCommands', () => {
  it('drops redirections and their targets from the arguments', () => {
    const [command] = runCommands(shellOf('RUN pip install flask > /tmp/log 2>&1 >>/tmp/more'));
    expect(command!.args.map((word) => word.value)).toEqual(['install', 'flask']);
  });

  it('reads ONBUILD RUN triggers with positions in the instruction text', () => {
    const shell = runShells(readDockerfileSource('FROM debian:12\nONBUILD RUN apt-get install curl\n'))[0]!;
    expect(shell.onbuild).toBe(true);
    const [command] = runCommands(shell);
    expect(shell.instruction.content.text.slice(command!.nameWord.start, command!.nameWord.end)).toBe(
      'apt-get',
    );
  });
});
