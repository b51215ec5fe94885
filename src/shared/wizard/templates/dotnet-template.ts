/**
 * .NET: the project restored from its project files alone, published in the SDK image, and the
 * published folder run on the ASP.NET Core runtime (web projects) or the plain .NET runtime. The
 * Microsoft images are Debian 12 based; from .NET 8 they bring an unprivileged `app` user and
 * ASP.NET Core listens on 8080 there.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  BLANK,
  closingLines,
  type DockerfileLine,
  envLine,
  line,
  present,
  userLines,
} from '../dockerfile-writer';
import { imageFamily, type ImageFamily } from '../../dockerfile/lint/image-family';
import type { AppAnswers, EnvVariable } from '../wizard-answers';
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';

/** A .NET project published in the SDK image and run on the runtime image. */
export interface DotnetAnswers extends AppAnswers {
  template: 'dotnet';
  /** The .NET release of the image tags: `8.0` for `net8.0`. */
  dotnetVersion: string;
  /** The project file to publish, relative to the project folder: `Api.csproj`, `src/Api/Api.csproj`. */
  project: string;
  /** The assembly the publish writes (`<AssemblyName>`, else the project file's name): runs as `dotnet <name>.dll`. */
  assemblyName: string;
  /** `Microsoft.NET.Sdk.Web`: runs on the ASP.NET Core runtime image instead of the plain one. */
  web: boolean;
  /** Other files restore needs, copied before it (projects referenced, Directory.Build.props, NuGet.config). */
  restoreFiles: string[];
  /** The framework to publish (`net8.0`) when the project targets several; null when it targets one. */
  targetFramework: string | null;
  /** Every project that makes a program (web or OutputType Exe), as found; null when nobody looked. */
  projects: string[] | null;
}

const REGISTRY = 'mcr.microsoft.com/dotnet';

/** The SDK image that builds: `mcr.microsoft.com/dotnet/sdk:8.0`. */
export function dotnetSdkImage(answers: DotnetAnswers): string {
  return `${REGISTRY}/sdk:${answers.dotnetVersion}`;
}

/** The image that runs: `mcr.microsoft.com/dotnet/aspnet:8.0` for web projects, `…/runtime:8.0` otherwise. */
export function dotnetRuntimeImage(answers: DotnetAnswers): string {
  return answers.baseImage ?? `${REGISTRY}/${answers.web ? 'aspnet' : 'runtime'}:${answers.dotnetVersion}`;
}

/** Whether the release's images listen on 8080 and have the `app` user (.NET 8 and later). */
export function hasAppUser(version: string): boolean {
  return Number.parseInt(version, 10) >= 8;
}

/** The suggested start command: the published assembly run by the dotnet host. */
export function suggestedDotnetStart(answers: DotnetAnswers): string {
  return `dotnet ${answers.assemblyName}.dll`;
}

/** The folder of a path relative to the project, as a COPY destination (`src/Api/`, `./`). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? './' : `${path.slice(0, slash)}/`;
}

/** The COPY lines that put the restore inputs at their own paths, one per destination folder. */
function restoreCopies(answers: DotnetAnswers): DockerfileLine[] {
  const byFolder = new Map<string, string[]>();
  for (const file of [answers.project, ...answers.restoreFiles]) {
    const folder = folderOf(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder].map(([folder, sources]) =>
    line(
      `COPY ${sources.join(' ')} ${folder}`,
      'Copy only what restore reads first, so the package download below stays cached',
    ),
  );
}

/** The variables that make ASP.NET Core listen where EXPOSE says, when the image's default differs. */
function listenVariables(answers: DotnetAnswers): EnvVariable[] {
  if (!answers.web || answers.port === null) return [];
  if (!hasAppUser(answers.dotnetVersion))
    return [{ name: 'ASPNETCORE_URLS', value: `http://+:${answers.port}` }];
  return answers.port === 8080 ? [] : [{ name: 'ASPNETCORE_HTTP_PORTS', value: String(answers.port) }];
}

function familyOf(answers: DotnetAnswers): ImageFamily {
  // The Microsoft images are Debian 12 underneath, which their names do not say.
  return answers.baseFamily ?? (answers.baseImage === null ? 'debian' : imageFamily(answers.baseImage));
}

/** The Dockerfile lines for a .NET project. */
export function writeDotnet(answers: DotnetAnswers): DockerfileLine[] {
  const user = userLines(familyOf(answers), answers.user);
  return present([
    line(
      `FROM ${dotnetSdkImage(answers)} AS build`,
      `Build stage: the .NET ${answers.dotnetVersion} SDK; none of it ships`,
    ),
    line('WORKDIR /src', 'Work in this folder'),
    ...restoreCopies(answers),
    line(`RUN dotnet restore ${answers.project}`, 'Download the NuGet packages the project lists'),
    line('COPY . .', 'Copy the sources after the restore, so code edits do not download again'),
    line(
      `RUN dotnet publish ${answers.project}${answers.targetFramework ? ` -f ${answers.targetFramework}` : ''} -c Release -o /app/publish --no-restore /p:UseAppHost=false`,
      'Compile in Release mode into one folder with everything the app needs to run',
    ),
    BLANK,
    line(
      `FROM ${dotnetRuntimeImage(answers)}`,
      answers.web
        ? `Final image: the ASP.NET Core ${answers.dotnetVersion} runtime, no SDK`
        : `Final image: the .NET ${answers.dotnetVersion} runtime, no SDK`,
    ),
    envLine([...listenVariables(answers), ...answers.env], 'Settings for the app'),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    line('COPY --from=build /app/publish .', 'Take only the published app from the build stage'),
    ...closingLines(answers, user, suggestedDotnetStart(answers)),
  ]);
}

/** What the image may get wrong even though it builds. */
export function dotnetCautions(answers: DotnetAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  const projects = answers.projects;
  if (projects !== null && projects.length > 1) {
    cautions.push({
      field: 'project',
      message: `${projects.length} runnable projects: publishing ${answers.project}; choose in Build.`,
    });
  }
  if (projects !== null && projects.length === 0) {
    cautions.push({
      field: 'project',
      message:
        `${answers.project} is a library (no OutputType Exe, not the Web SDK): \`dotnet ${answers.assemblyName}.dll\` ` +
        'has no entry point to run. Choose the project that makes the program.',
    });
  }
  return cautions;
}

function checkDotnet(answers: DotnetAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (!/^\d+\.\d+$/.test(answers.dotnetVersion)) {
    problems.push({ field: 'dotnetVersion', message: 'Write a .NET release such as 8.0.' });
  }
  if (!/^[\w./-]+\.(cs|fs|vb)proj$/.test(answers.project) || answers.project.startsWith('/')) {
    problems.push({
      field: 'project',
      message: 'Name the project file relative to the folder: src/Api/Api.csproj.',
    });
  }
  if (answers.targetFramework !== null && !/^net\d+\.\d+[\w.-]*$/.test(answers.targetFramework)) {
    problems.push({ field: 'targetFramework', message: 'Write a target framework such as net8.0.' });
  }
  if (!/^[\w.-]+$/.test(answers.assemblyName)) {
    problems.push({ field: 'assemblyName', message: 'Use letters, digits, ".", "_" and "-" only.' });
  }
  if (answers.user.kind === 'existing' && answers.user.name === 'app' && !hasAppUser(answers.dotnetVersion)) {
    problems.push({
      field: 'user',
      message: `The .NET ${answers.dotnetVersion} images have no "app" user (it came with .NET 8): create one.`,
    });
  }
  return problems;
}

const OPTIONS: readonly WizardOption<DotnetAnswers>[] = [
  {
    key: 'dotnetVersion',
    step: 'base',
    label: '.NET version',
    help: 'The `TargetFramework` of the project: `net8.0` runs on the 8.0 images.',
    kind: 'choice',
    choices: ['9.0', '8.0'].map((value) => ({ value, label: `.NET ${value}` })),
    examples: ['8.0', '9.0'],
  },
  {
    key: 'web',
    step: 'base',
    label: 'ASP.NET Core app',
    help: 'Projects on `Microsoft.NET.Sdk.Web` need the ASP.NET Core runtime; console apps run on the smaller .NET runtime.',
    kind: 'boolean',
    examples: [true, false],
  },
  BASE_IMAGE_OPTION,
  {
    key: 'project',
    step: 'build',
    label: 'Project file',
    help: 'The .csproj to publish, relative to the folder; in a solution, the web or console project.',
    kind: 'text',
    examples: ['App.csproj', 'src/Api/Api.csproj'],
  },
  {
    key: 'assemblyName',
    step: 'build',
    label: 'Assembly name',
    help: 'The `<AssemblyName>` of the project, else its file name: the image runs `dotnet <name>.dll`.',
    kind: 'text',
    examples: ['App'],
  },
  {
    key: 'targetFramework',
    step: 'build',
    label: 'Target framework',
    help: 'Only for a project with several `TargetFrameworks`: publish needs one, such as net8.0.',
    kind: 'text',
    examples: [null, 'net8.0'],
  },
  {
    key: 'restoreFiles',
    step: 'dependencies',
    label: 'Files restore needs',
    help: 'Referenced projects, Directory.Build.props, Directory.Packages.props, NuGet.config: copied before the restore.',
    kind: 'list',
    examples: [[], ['Directory.Build.props', 'src/Core/Core.csproj']],
  },
  envOption(),
  WORKDIR_OPTION,
  userOption(
    [
      { kind: 'existing', name: 'app' },
      { kind: 'create', name: 'web', uid: 10001 },
    ],
    'The images since .NET 8 have an unprivileged `app` user (uid 1654); or create one.',
  ),
  ...startOptions([8080, 5000, null], [null, 'dotnet App.dll --environment Production']),
];

/** The .NET template. */
export const dotnetTemplate: WizardTemplate<DotnetAnswers> = {
  id: 'dotnet',
  title: '.NET',
  summary: 'A .NET app published with the SDK in a build stage and run on the ASP.NET Core or .NET runtime.',
  assumes:
    'Builder: mcr.microsoft.com/dotnet/sdk. Final: …/aspnet or …/runtime, Debian 12 (useradd), user app since .NET 8.',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        '.NET needs the SDK (about 800 MB) to build but only a runtime to run. The build runs in a first stage on ' +
        '`mcr.microsoft.com/dotnet/sdk`; the final stage starts from `aspnet` (ASP.NET Core, about 220 MB) for web ' +
        'projects or `runtime` (about 190 MB) for console apps, with the same version as the `TargetFramework`.',
    },
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'The project files are copied alone and `dotnet restore` downloads the NuGet packages before the sources are ' +
        'copied. Docker reuses a cached step while its inputs are unchanged, so editing code never downloads the ' +
        'packages again. Projects the app references must be copied too, or restore cannot find them.',
    },
    {
      id: 'build',
      title: 'Build',
      instructions: ['COPY', 'RUN', 'COPY --from'],
      explanation:
        '`dotnet publish -c Release -o /app/publish` compiles and gathers the app with every library it needs in one ' +
        'folder; `/p:UseAppHost=false` skips the native launcher because the image starts it with `dotnet <name>.dll`. ' +
        'The final stage copies just that folder with COPY --from=build.',
    },
    ENV_STEP,
    USER_STEP,
    WORKDIR_STEP,
    {
      ...EXPOSE_STEP,
      explanation:
        `${EXPOSE_STEP.explanation} ASP.NET Core in the .NET 8 and later images listens on 8080 (not 80), so it can ` +
        'run as the unprivileged `app` user; another port is set with `ASPNETCORE_HTTP_PORTS`.',
    },
    START_STEP,
  ],
  options: OPTIONS,
  write: writeDotnet,
  ignore: () => [
    {
      comment: '.NET: build output and local settings (the build runs inside the image)',
      patterns: ['**/bin', '**/obj', '*.user', '.vs'],
    },
  ],
  cautions: dotnetCautions,
  check: checkDotnet,
  suggestedStart: suggestedDotnetStart,
  finalBaseImage: dotnetRuntimeImage,
  defaults: {
    template: 'dotnet',
    ...appDefaults(8080, { kind: 'existing', name: 'app' }),
    dotnetVersion: '8.0',
    project: 'App.csproj',
    assemblyName: 'App',
    web: true,
    restoreFiles: [],
    targetFramework: null,
    projects: null,
  },
};
