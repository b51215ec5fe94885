/**
 * Java with Maven or Gradle: dependencies resolved from the build file alone, the jar built in a
 * JDK stage, and only the jar run on a JRE. The runtime defaults to Eclipse Temurin's JRE, which is
 * Ubuntu-based (apt, useradd); `jre-alpine` uses apk and busybox adduser.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  PACKAGES_OPTION,
  PACKAGES_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  BLANK,
  type DockerfileLine,
  envLine,
  familyFor,
  line,
  packagesLine,
  present,
  closingLines,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers } from '../wizard-answers';
import type { WizardOption, WizardTemplate } from '../wizard-template';

/** A Java app built with Maven or Gradle and run on a JRE. Runtime defaults assume Ubuntu (Temurin). */
export interface JavaAnswers extends AppAnswers {
  template: 'java';
  javaVersion: string;
  buildTool: 'maven' | 'gradle';
  builderImage: string | null;
  runtimeVariant: 'jre' | 'jre-alpine';
  systemPackages: string[];
  /** The jar the build makes, relative to the project; null for the build tool's usual `*.jar`. */
  artifact: string | null;
}

const RUNTIME_DETAILS: Record<JavaAnswers['runtimeVariant'], string> = {
  jre: 'Eclipse Temurin JRE on Ubuntu, about 270 MB',
  'jre-alpine': 'Eclipse Temurin JRE on Alpine, about 190 MB',
};

/** The JDK image that builds: `maven:3.9-eclipse-temurin-21` or `gradle:8.10-jdk21`. */
export function javaBuilderImage(answers: JavaAnswers): string {
  if (answers.builderImage) return answers.builderImage;
  return answers.buildTool === 'maven'
    ? `maven:3.9-eclipse-temurin-${answers.javaVersion}`
    : `gradle:8.10-jdk${answers.javaVersion}`;
}

/** The JRE image that runs: `eclipse-temurin:21-jre` or `eclipse-temurin:21-jre-alpine`. */
export function javaRuntimeImage(answers: JavaAnswers): string {
  return answers.baseImage ?? `eclipse-temurin:${answers.javaVersion}-${answers.runtimeVariant}`;
}

/** The jar the build makes, relative to the project. */
export function javaArtifact(answers: JavaAnswers): string {
  return answers.artifact ?? (answers.buildTool === 'maven' ? 'target/*.jar' : 'build/libs/*.jar');
}

/** The suggested start command. */
export function suggestedJavaStart(answers: JavaAnswers): string {
  return `java -jar ${answers.workdir.replace(/\/+$/, '')}/app.jar`;
}

/** The Dockerfile lines for a Java app. */
export function writeJava(answers: JavaAnswers): DockerfileLine[] {
  const runtime = javaRuntimeImage(answers);
  const family = familyFor(answers.baseFamily, runtime);
  const user = userLines(family, answers.user);
  const maven = answers.buildTool === 'maven';
  return present([
    line(
      `FROM ${javaBuilderImage(answers)} AS build`,
      `Build stage: a JDK ${answers.javaVersion} with ${maven ? 'Maven' : 'Gradle'}; none of it ships`,
    ),
    line('WORKDIR /src', 'Work in this folder'),
    maven
      ? line('COPY pom.xml ./', 'Copy only the build file first, so the download below stays cached')
      : line('COPY *.gradle* ./', 'Copy only the build files first, so the download below stays cached'),
    maven
      ? line('RUN mvn --batch-mode dependency:go-offline', 'Download the dependencies the build file lists')
      : line('RUN gradle --no-daemon dependencies', 'Download the dependencies the build files list'),
    line('COPY src ./src', 'Copy the sources after the download, so code edits do not download again'),
    maven
      ? line(
          'RUN mvn --batch-mode -DskipTests package',
          'Build the jar (tests run in CI, not in the image build)',
        )
      : line(
          'RUN gradle --no-daemon build -x test',
          'Build the jar (tests run in CI, not in the image build)',
        ),
    BLANK,
    line(
      `FROM ${runtime}`,
      `Final image: ${RUNTIME_DETAILS[answers.runtimeVariant]}, a JRE without compilers`,
    ),
    envLine(answers.env, 'Settings for the app'),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    line(
      `COPY --from=build /src/${javaArtifact(answers)} app.jar`,
      'Take only the built jar from the build stage',
    ),
    ...closingLines(answers, user, suggestedJavaStart(answers)),
  ]);
}

const OPTIONS: readonly WizardOption<JavaAnswers>[] = [
  {
    key: 'javaVersion',
    step: 'base',
    label: 'Java version',
    help: 'The release your project compiles for.',
    kind: 'choice',
    choices: ['21', '17'].map((value) => ({ value, label: `Java ${value}` })),
    examples: ['21', '17'],
  },
  {
    key: 'buildTool',
    step: 'build',
    label: 'Build tool',
    help: 'Maven (pom.xml) or Gradle (build.gradle / build.gradle.kts).',
    kind: 'choice',
    choices: [
      { value: 'maven', label: 'Maven' },
      { value: 'gradle', label: 'Gradle' },
    ],
    examples: ['maven', 'gradle'],
  },
  {
    key: 'runtimeVariant',
    step: 'base',
    label: 'Runtime image',
    help: 'A JRE runs the jar; a JDK would add compilers you do not need.',
    kind: 'choice',
    choices: (['jre', 'jre-alpine'] as const).map((value) => ({
      value,
      label: value,
      detail: RUNTIME_DETAILS[value],
    })),
    examples: ['jre', 'jre-alpine'],
  },
  BASE_IMAGE_OPTION,
  {
    key: 'artifact',
    step: 'build',
    label: 'Jar file',
    help: 'Leave empty for target/*.jar (Maven) or build/libs/*.jar (Gradle); name it when the build makes several jars.',
    kind: 'text',
    examples: [null, 'target/app-1.0.jar'],
  },
  envOption(),
  PACKAGES_OPTION,
  WORKDIR_OPTION,
  userOption(),
  ...startOptions([8080, null], [null, 'java -XX:MaxRAMPercentage=75 -jar /app/app.jar']),
];

/** The Java template. */
export const javaTemplate: WizardTemplate<JavaAnswers> = {
  id: 'java',
  title: 'Java',
  summary: 'A Java app built with Maven or Gradle and run as a jar on a JRE.',
  assumes:
    'Builder: Maven/Gradle images on Temurin (Ubuntu). Final: Temurin JRE on Ubuntu (apt, useradd) or Alpine.',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'Java needs a JDK to build but only a JRE to run. The build runs in a first stage on the Maven or Gradle image ' +
        "(a full JDK, about 500 MB); the final stage starts from Eclipse Temurin's JRE (about 270 MB on Ubuntu, " +
        '190 MB on Alpine) and copies only the jar. The Java version is pinned in both tags.',
    },
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'The build file (pom.xml or *.gradle) is copied alone and the dependencies are downloaded before the sources ' +
        'are copied. Docker reuses a cached step while its inputs are unchanged, so editing code never downloads the ' +
        'internet again; only a change to the build file does.',
    },
    {
      id: 'build',
      title: 'Build',
      instructions: ['COPY', 'RUN', 'COPY --from'],
      explanation:
        'The sources in src/ are copied and the jar is built without running tests (run those in CI). The final stage ' +
        'takes just the jar with COPY --from=build. If your build makes more than one jar, name the right one, as ' +
        'COPY of several files into app.jar fails.',
    },
    ENV_STEP,
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    EXPOSE_STEP,
    START_STEP,
  ],
  options: OPTIONS,
  write: writeJava,
  ignore: () => [
    {
      comment: 'Java: build output and tool caches (the build runs inside the image)',
      patterns: ['target', 'build', '.gradle', 'out', '**/*.class', '*.iml'],
    },
  ],
  cautions: () => [],
  check: () => [],
  suggestedStart: suggestedJavaStart,
  finalBaseImage: javaRuntimeImage,
  defaults: {
    template: 'java',
    ...appDefaults(8080),
    javaVersion: '21',
    buildTool: 'maven',
    builderImage: null,
    runtimeVariant: 'jre',
    systemPackages: [],
    artifact: null,
  },
};
