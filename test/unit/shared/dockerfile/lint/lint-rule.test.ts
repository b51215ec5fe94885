import { describe, expect, it } from 'vitest';
import { readDockerfileSource } from '../../../../../src/shared/dockerfile/lint/dockerfile-source';
import {
  holds,
  mountCovers,
  runMounts,
  runParts,
  runScript,
} from '../../../../../src/shared/dockerfile/lint/lint-rule';

const instruction = (text: string, index = 1) =>
  readDockerfileSource(`FROM debian:12\n${text}\n`).instructions[index]!;

describe('runParts and runScript', () => {
  it('read the RUN trigger of ONBUILD with its flags, at the positions of the source', () => {
    const onbuild = instruction('ONBUILD RUN --mount=type=cache,target=/root/.cache pip install x');
    expect(runParts(onbuild)?.flags).toEqual([{ name: 'mount', value: 'type=cache,target=/root/.cache' }]);
    const pip = runScript(onbuild)!.commands[0]!.words[0]!;
    expect(onbuild.content.text.slice(pip.start, pip.end)).toBe('pip');
  });

  it('skip ONBUILD triggers that are not RUN, exec-form triggers and heredocs', () => {
    expect(runParts(instruction('ONBUILD COPY . /app'))).toBeNull();
    expect(runScript(instruction('ONBUILD RUN ["apt-get", "update"]'))).toBeNull();
    expect(runScript(instruction('ONBUILD RUN <<EOF\napt-get update\nEOF'))).toBeNull();
    expect(runParts(instruction('ONBUILD RUNNER x'))).toBeNull();
  });
});

describe('runMounts and mountCovers', () => {
  it('read type and target, with bind as the default type and dst as an alias of target', () => {
    expect(runMounts(instruction('RUN --mount=dst=/src/ --mount=type=tmpfs,destination=/tmp make'))).toEqual([
      { type: 'bind', target: '/src' },
      { type: 'tmpfs', target: '/tmp' },
    ]);
  });

  it('count a cache or tmpfs mount on the directory or a parent, never a bind mount or a sibling', () => {
    const lists = holds('/var/lib/apt/lists');
    expect(mountCovers(instruction('RUN --mount=type=cache,target=/var/lib/apt apt-get update'), lists)).toBe(
      true,
    );
    expect(
      mountCovers(instruction('RUN --mount=type=tmpfs,target=/var/lib/apt/lists/ apt-get update'), lists),
    ).toBe(true);
    expect(
      mountCovers(instruction('RUN --mount=type=cache,target=/var/cache/apt apt-get update'), lists),
    ).toBe(false);
    expect(mountCovers(instruction('RUN --mount=target=/var/lib/apt apt-get update'), lists)).toBe(false);
    expect(mountCovers(instruction('RUN --mount=type=cache,target=/var/lib/ap apt-get update'), lists)).toBe(
      false,
    );
  });
});
