import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectDotnetProject, readDotnetProject } from '../../../../src/main/wizard/detect-dotnet-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { DotnetAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-dotnet-'));
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

describe('readDotnetProject', () => {
  it.each([
    [
      '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>',
      { web: true, runnable: true, version: '8.0' },
    ],
    [
      '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net6.0</TargetFramework></PropertyGroup></Project>',
      { web: false, runnable: true, version: '6.0' },
    ],
    [
      '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup></Project>',
      { runnable: false, version: null },
    ],
    [
      '<Project Sdk="Microsoft.NET.Sdk.Worker"><PropertyGroup><TargetFrameworks>net8.0;net9.0-windows</TargetFrameworks></PropertyGroup></Project>',
      { runnable: true, version: '9.0', multiTarget: true },
    ],
    [
      '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>',
      { runnable: false, test: true },
    ],
  ])('reads %s', (xml, expected) => {
    expect(readDotnetProject('src/App/App.csproj', xml, null)).toMatchObject(expected);
  });

  it('resolves project references against the project folder', () => {
    const project = readDotnetProject(
      'src/App/App.csproj',
      '<Project><ItemGroup><ProjectReference Include="..\\Lib\\Lib.csproj" /></ItemGroup></Project>',
      null,
    );
    expect(project.references).toEqual(['src/Lib/Lib.csproj']);
  });
});

describe('detectDotnetProject', () => {
  it('copies every project the chosen one references, through each level, before restore', async () => {
    const detection = await detectDotnetProject(
      project({
        'App/App.csproj':
          '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup></Project>',
        'Lib/Lib.csproj':
          '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="../Base/Base.csproj" /></ItemGroup></Project>',
        'Base/Base.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
      }),
    );
    const answers = detection!.answers as DotnetAnswers;
    expect(answers).toMatchObject({
      project: 'App/App.csproj',
      web: false,
      port: null,
      restoreFiles: ['Lib/Lib.csproj', 'Base/Base.csproj'],
    });
  });

  it('creates a user on the .NET 6 and 7 images, which have none', async () => {
    const detection = await detectDotnetProject(
      project({
        'Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net7.0</TargetFramework></PropertyGroup></Project>',
      }),
    );
    expect((detection!.answers as DotnetAnswers).user).toEqual({ kind: 'create', name: 'app', uid: 10001 });
  });

  it('is not .NET without a project file', async () => {
    expect(await detectDotnetProject(project({ 'Program.cs': '' }))).toBeNull();
  });
});
