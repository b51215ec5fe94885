/**
 * Java with Maven or Gradle: dependencies resolved from the build file alone, the jar built in a
 * JDK stage, and only the jar run on a JRE. The runtime defaults to Eclipse Temurin's JRE, which is
 * Ubuntu-based (apt, useradd); `jre-alpine` uses apk and busybox adduser.
 *
 * How the jar starts depends on what the build puts in it: `java -jar` needs a Main-Class in the
 * manifest (Spring Boot, a shaded jar, maven-jar-plugin's `<mainClass>`); without one the wizard
 * starts the class with `public static void main` through `java -cp`; a Gradle application ships
 * its `installDist` folder, whose start script puts every dependency on the classpath.
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
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';

/** A Java app built with Maven or Gradle and run on a JRE. Runtime defaults assume Ubuntu (Temurin). */
export interface JavaAnswers extends AppAnswers {
  template: 'java';
  javaVersion: string;
  buildTool: 'maven' | 'gradle';
  builderImage: string | null;
  runtimeVariant: 'jre' | 'jre-alpine';
  systemPackages: string[];
  /**
   * The jar the build makes, relative to the project; null for the build tool's usual `*.jar`. For
   * a Gradle application (`distribution`), the installDist folder: `build/install/<name>`.
   */
  artifact: string | null;
  /** Build with the project's wrapper (./mvnw, ./gradlew) on a plain JDK, in the version it pins. */
  wrapper: boolean;
  /** Spring Boot: the build repackages a runnable jar with every dependency inside. */
  springBoot: boolean;
  /** Gradle's application plugin: ship `installDist` (bin/<name> and lib/) instead of a jar. */
  distribution: boolean;
  /** Whether the build writes Main-Class into the jar's manifest; null when nobody looked. */
  manifestMainClass: boolean | null;
  /** The class `java -cp` starts when the manifest names none (`com.example.Main`); null for `java -jar`. */
  mainClass: string | null;
  /** Every class with `public static void main` under src/main; null when nobody looked. */
  mainClasses: string[] | null;
  /** The jar carries its dependencies (Spring Boot, maven-shade-plugin, jar-with-dependencies). */
  bundlesDependencies: boolean;
  /** The run-time dependencies the build file declares (`group:artifact`), for the classpath caution. */
  dependencies: string[];
}

const RUNTIME_DETAILS: Record<JavaAnswers['runtimeVariant'], string> = {
  jre: 'Eclipse Temurin JRE on Ubuntu, about 270 MB',
  'jre-alpine': 'Eclipse Temurin JRE on Alpine, about 190 MB',
};

/** The JDK image that builds: `maven:3.9-eclipse-temurin-21`, `gradle:8.10-jdk21`, or a plain JDK for a wrapper. */
export function javaBuilderImage(answers: JavaAnswers): string {
  if (answers.builderImage) return answers.builderImage;
  if (answers.wrapper) return `eclipse-temurin:${answers.javaVersion}-jdk`;
  return answers.buildTool === 'maven'
    ? `maven:3.9-eclipse-temurin-${answers.javaVersion}`
    : `gradle:8.10-jdk${answers.javaVersion}`;
}

/** The JRE image that runs: `eclipse-temurin:21-jre` or `eclipse-temurin:21-jre-alpine`. */
export function javaRuntimeImage(answers: JavaAnswers): string {
  return answers.baseImage ?? `eclipse-temurin:${answers.javaVersion}-${answers.runtimeVariant}`;
}

/** Whether the image ships Gradle's installDist folder instead of a jar. */
function shipsDistribution(answers: JavaAnswers): boolean {
  return answers.distribution && answers.buildTool === 'gradle';
}

/** The jar (or installDist folder) the build makes, relative to the project. */
export function javaArtifact(answers: JavaAnswers): string {
  if (shipsDistribution(answers)) return answers.artifact ?? 'build/install/src';
  return answers.artifact ?? (answers.buildTool === 'maven' ? 'target/*.jar' : 'build/libs/*.jar');
}

/** The suggested start command: the distribution's script, `java -cp` with the main class, or `java -jar`. */
export function suggestedJavaStart(answers: JavaAnswers): string {
  const dir = answers.workdir.replace(/\/+$/, '');
  if (shipsDistribution(answers)) return `${dir}/bin/${javaArtifact(answers).split('/').at(-1)}`;
  if (answers.mainClass) return `java -cp ${dir}/app.jar ${answers.mainClass}`;
  return `java -jar ${dir}/app.jar`;
}

/** The Gradle task that makes what ships: bootJar (Spring Boot), installDist (application) or jar. */
export function gradleTask(answers: JavaAnswers): string {
  if (answers.springBoot) return 'bootJar';
  return shipsDistribution(answers) ? 'installDist' : 'jar';
}

/** The build-stage lines that download the dependencies and build. */
function buildLines(answers: JavaAnswers): DockerfileLine[] {
  const cached = 'Copy only the build files first, so the download below stays cached';
  const tests = '(tests run in CI, not in the image build)';
  if (answers.buildTool === 'maven') {
    const mvn = answers.wrapper ? './mvnw' : 'mvn';
    return present([
      answers.wrapper
        ? line('COPY mvnw pom.xml ./', cached)
        : line('COPY pom.xml ./', 'Copy only the build file first, so the download below stays cached'),
      answers.wrapper ? line('COPY .mvn .mvn', 'The wrapper downloads the Maven version it pins') : null,
      line(`RUN ${mvn} --batch-mode dependency:go-offline`, 'Download the dependencies the build file lists'),
      line('COPY src ./src', 'Copy the sources after the download, so code edits do not download again'),
      line(`RUN ${mvn} --batch-mode -DskipTests package`, `Build the jar ${tests}`),
    ]);
  }
  const gradle = answers.wrapper ? './gradlew' : 'gradle';
  return present([
    line(answers.wrapper ? 'COPY gradlew *.gradle* ./' : 'COPY *.gradle* ./', cached),
    answers.wrapper ? line('COPY gradle gradle', 'The wrapper downloads the Gradle version it pins') : null,
    line(`RUN ${gradle} --no-daemon dependencies`, 'Download the dependencies the build files list'),
    line('COPY src ./src', 'Copy the sources after the download, so code edits do not download again'),
    line(
      `RUN ${gradle} --no-daemon ${gradleTask(answers)}`,
      shipsDistribution(answers)
        ? 'Build the app with its start script and every dependency jar (build/install)'
        : `Build the jar ${tests}`,
    ),
  ]);
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
    ...buildLines(answers),
    BLANK,
    line(
      `FROM ${runtime}`,
      `Final image: ${RUNTIME_DETAILS[answers.runtimeVariant]}, a JRE without compilers`,
    ),
    envLine(answers.env, 'Settings for the app'),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    shipsDistribution(answers)
      ? line(
          `COPY --from=build /src/${javaArtifact(answers)}/ ./`,
          'Take the start script (bin/) and the jars (lib/) from the build stage',
        )
      : line(
          `COPY --from=build /src/${javaArtifact(answers)} app.jar`,
          'Take only the built jar from the build stage',
        ),
    ...closingLines(answers, user, suggestedJavaStart(answers)),
  ]);
}

/** What the image may get wrong even though it builds: a jar that cannot start, or starts without its dependencies. */
export function javaCautions(answers: JavaAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  if (shipsDistribution(answers)) return cautions;
  const typed = answers.startCommand !== null;
  if (!typed && answers.mainClass === null && answers.manifestMainClass === false) {
    cautions.push({
      field: 'mainClass',
      message:
        "The jar's manifest names no Main-Class and no class with `public static void main` was found under src/main: " +
        '`java -jar` will stop with "no main manifest attribute". Set `<mainClass>` in maven-jar-plugin (Gradle: ' +
        "`jar { manifest { attributes 'Main-Class': … } }`) or name the class.",
    });
  }
  const classes = answers.mainClasses ?? [];
  if (!typed && answers.mainClass !== null && classes.length > 1) {
    cautions.push({
      field: 'mainClass',
      message: `${classes.length} classes with main: starting ${answers.mainClass}; choose in Start.`,
    });
  }
  if (!answers.bundlesDependencies && !answers.springBoot && answers.dependencies.length > 0) {
    const shown = answers.dependencies.slice(0, 3).join(', ');
    const more = answers.dependencies.length > 3 ? ` and ${answers.dependencies.length - 3} more` : '';
    cautions.push({
      field: 'dependencies',
      message:
        `The jar holds only your own classes: its dependencies (${shown}${more}) are not on the classpath, so the app ` +
        'stops with NoClassDefFoundError when it uses them. Bundle them with maven-shade-plugin or ' +
        "maven-assembly-plugin's jar-with-dependencies (Gradle: the application plugin, whose installDist ships them).",
    });
  }
  return cautions;
}

function checkJava(answers: JavaAnswers): WizardProblem[] {
  if (answers.mainClass !== null && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(answers.mainClass)) {
    return [{ field: 'mainClass', message: 'Write the class with its package: com.example.Main.' }];
  }
  return [];
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
    key: 'wrapper',
    step: 'build',
    label: "Use the project's wrapper",
    help: '`./mvnw` or `./gradlew` build with the tool version the project pins, on a plain JDK image.',
    kind: 'boolean',
    examples: [false, true],
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
    help: 'Leave empty for `target/*.jar` (Maven) or `build/libs/*.jar` (Gradle); name it when the build makes several jars.',
    kind: 'text',
    examples: [null, 'target/app-1.0.jar'],
  },
  {
    key: 'mainClass',
    step: 'start',
    label: 'Main class',
    help: "Only when the jar's manifest names no Main-Class: the image then runs `java -cp app.jar <class>`.",
    kind: 'text',
    examples: [null, 'com.example.Main'],
  },
  {
    key: 'distribution',
    step: 'build',
    label: 'Ship the Gradle application',
    help: "With Gradle's application plugin: `installDist` makes bin/<name> and lib/ with every dependency.",
    kind: 'boolean',
    examples: [false, true],
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
        "COPY of several files into app.jar fails. With the project's wrapper (`./mvnw`, `./gradlew`) the build uses " +
        'the Maven or Gradle version the project pins. A Gradle application (the `application` plugin) ships its ' +
        '`installDist` folder instead: a start script in bin/ and every dependency jar in lib/.',
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
  cautions: javaCautions,
  check: checkJava,
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
    wrapper: false,
    springBoot: false,
    distribution: false,
    manifestMainClass: null,
    mainClass: null,
    mainClasses: null,
    bundlesDependencies: false,
    dependencies: [],
  },
};
