import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { dotnetCautions, dotnetTemplate } from '../../../../../src/shared/wizard/templates/dotnet-template';
import type { DotnetAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<DotnetAnswers>): DotnetAnswers => ({
  ...defaultAnswers('dotnet'),
  ...changes,
});

describe('the .NET template', () => {
  it('restores from the project files at their own paths, publishes, and runs the dll as the app user', () => {
    const text = generateDockerfile(
      answers({
        project: 'src/Api/Api.csproj',
        assemblyName: 'Api',
        restoreFiles: ['src/Core/Core.csproj', 'Directory.Build.props'],
      }),
    );
    expect(text).toBe(
      [
        'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build',
        'WORKDIR /src',
        'COPY src/Api/Api.csproj src/Api/',
        'COPY src/Core/Core.csproj src/Core/',
        'COPY Directory.Build.props ./',
        'RUN dotnet restore src/Api/Api.csproj',
        'COPY . .',
        'RUN dotnet publish src/Api/Api.csproj -c Release -o /app/publish --no-restore /p:UseAppHost=false',
        '',
        'FROM mcr.microsoft.com/dotnet/aspnet:8.0',
        'WORKDIR /app',
        'COPY --from=build /app/publish .',
        'USER app',
        'EXPOSE 8080',
        'CMD ["dotnet", "Api.dll"]',
        '',
      ].join('\n'),
    );
  });

  it('tells ASP.NET Core another port, and the .NET 6/7 images which URL to use', () => {
    expect(generateDockerfile(answers({ port: 5000 }))).toContain('ENV ASPNETCORE_HTTP_PORTS=5000');
    const seven = generateDockerfile(
      answers({ dotnetVersion: '7.0', user: { kind: 'create', name: 'app', uid: 10001 } }),
    );
    expect(seven).toContain('ENV ASPNETCORE_URLS=http://+:8080');
    expect(seven).toContain('useradd --system --uid 10001');
  });

  it('runs a console app on the runtime image, publishing one framework of several', () => {
    const text = generateDockerfile(answers({ web: false, port: null, targetFramework: 'net8.0' }));
    expect(text).toContain('FROM mcr.microsoft.com/dotnet/runtime:8.0');
    expect(text).toContain('dotnet publish App.csproj -f net8.0 -c Release');
  });

  it('cautions about several runnable projects and a library, and rejects the app user before .NET 8', () => {
    expect(dotnetCautions(answers({ projects: ['App.csproj', 'Worker/Worker.csproj'] }))[0]?.message).toBe(
      '2 runnable projects: publishing App.csproj; choose in Build.',
    );
    expect(dotnetCautions(answers({ projects: [] }))[0]?.message).toContain('is a library');
    expect(dotnetCautions(answers({ projects: null }))).toEqual([]);
    expect(dotnetTemplate.check(answers({ dotnetVersion: '6.0' }), 'debian').map((p) => p.field)).toEqual([
      'user',
    ]);
  });
});
