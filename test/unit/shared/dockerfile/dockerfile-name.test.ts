import { describe, expect, it } from 'vitest';
import { dockerfileNameProblem, isDockerfileName } from '../../../../src/shared/dockerfile/dockerfile-name';

describe('dockerfileNameProblem', () => {
  it.each([
    'Dockerfile',
    'dockerfile',
    'Containerfile',
    '/work/app/Dockerfile',
    'C:\\work\\app\\Dockerfile',
    'Dockerfile.dev',
    'Dockerfile.prod.arm64',
    'dev.Dockerfile',
    'app.dockerfile',
    'web.Containerfile',
    'Containerfile.ci',
    '/etc/../srv/Dockerfile',
  ])('accepts %s', (path) => {
    expect(dockerfileNameProblem(path)).toBeNull();
    expect(isDockerfileName(path)).toBe(true);
  });

  it.each([
    '/etc/passwd',
    '/dev/zero',
    '/home/me/.bashrc',
    '/home/me/Dockerfile/',
    '',
    'Dockerfile.',
    '.Dockerfile',
    'Dockerfiles',
    'MyDockerfile',
    'Dockerfile-dev',
    'x.Dockerfile.sh',
    'notes.txt',
    'Dockerfile\n',
  ])('refuses %j as no Dockerfile name', (path) => {
    expect(dockerfileNameProblem(path)).toMatch(/is not a Dockerfile name/);
  });

  it.each([
    ['Dockerfile.sh', 'sh'],
    ['Dockerfile.desktop', 'desktop'],
    ['Dockerfile.dev.service', 'service'],
    ['Dockerfile.EXE', 'exe'],
    ['dockerfile.bat', 'bat'],
    ['Dockerfile.cmd', 'cmd'],
    ['Dockerfile.ps1', 'ps1'],
    ['Containerfile.command', 'command'],
  ])('refuses %s, whose .%s makes it runnable', (path, extension) => {
    expect(dockerfileNameProblem(path)).toContain(`ends in .${extension}`);
  });
});
