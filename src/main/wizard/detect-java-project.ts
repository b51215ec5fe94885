/**
 * Detects a Java project built with Maven (pom.xml) or Gradle (build.gradle[.kts]): the release,
 * the wrapper, Spring Boot, how the jar starts (a Main-Class in the manifest, else the class with
 * main through `java -cp`, or a Gradle application's installDist) and the port Spring Boot uses.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { type JavaBuildFacts, readGradle, readPom } from './java-build-files';
import { javaMainClasses } from './java-main-classes';
import type { ProjectFiles } from './project-files';

/** The port Spring Boot is configured for in application.properties or .yml; 8080 when none is set. */
async function springBootPort(files: ProjectFiles): Promise<{ port: number; source: string }> {
  const properties = await files.read('src/main/resources/application.properties');
  const fromProperties = /^\s*server\.port\s*[=:]\s*(?:\$\{\w+:)?(\d+)/m.exec(properties ?? '')?.[1];
  if (fromProperties)
    return { port: Number(fromProperties), source: 'server.port in application.properties' };
  for (const name of ['application.yml', 'application.yaml']) {
    const yaml = await files.read(`src/main/resources/${name}`);
    const port = /^server:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+port:[ \t]*["']?(?:\$\{\w+:)?(\d+)/m.exec(
      yaml ?? '',
    )?.[1];
    if (port) return { port: Number(port), source: `server.port in ${name}` };
  }
  return { port: 8080, source: "Spring Boot's default" };
}

/** A Maven or Gradle project, or null without a build file. */
export async function detectJavaProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const pom = await files.read('pom.xml');
  const gradleFile = (await files.hasFile('build.gradle.kts')) ? 'build.gradle.kts' : 'build.gradle';
  const gradle = pom === null ? await files.read(gradleFile) : null;
  if (pom === null && gradle === null) return null;
  const answers = defaultAnswers('java');
  const evidence: string[] = [];
  const suggestions: Record<string, string[]> = {};
  let facts: JavaBuildFacts;
  if (pom !== null) {
    facts = readPom(pom);
    answers.buildTool = 'maven';
    answers.wrapper = (await files.hasFile('mvnw')) && (await files.hasDirectory('.mvn'));
    evidence.push(`pom.xml: a Maven project${answers.wrapper ? ', built with its wrapper (./mvnw)' : ''}`);
  } else {
    const settings = (await files.read('settings.gradle.kts')) ?? (await files.read('settings.gradle'));
    facts = readGradle(gradle!, settings);
    answers.buildTool = 'gradle';
    answers.wrapper = (await files.hasFile('gradlew')) && (await files.hasDirectory('gradle'));
    evidence.push(
      `${gradleFile}: a Gradle project${answers.wrapper ? ', built with its wrapper (./gradlew)' : ''}`,
    );
  }
  if (facts.javaVersion) {
    answers.javaVersion = facts.javaVersion;
    evidence.push(`Java ${facts.javaVersion} in the build file`);
  }
  answers.artifact = facts.artifact;
  if (facts.artifact) evidence.push(`builds ${facts.artifact}`);
  answers.springBoot = facts.springBoot;
  answers.bundlesDependencies = facts.bundlesDependencies;
  answers.dependencies = facts.dependencies;
  answers.distribution = facts.application !== null;
  answers.manifestMainClass = facts.manifestMainClass !== null;

  if (facts.springBoot) {
    const { port, source } = await springBootPort(files);
    answers.port = port;
    evidence.push(`Spring Boot: a runnable jar with its dependencies, port ${port} (${source})`);
  } else {
    answers.port = null;
    const classes = await javaMainClasses(files);
    answers.mainClasses = classes;
    if (facts.application !== null) {
      answers.mainClass = facts.application.mainClass ?? classes[0] ?? null;
      evidence.push(
        `the application plugin: shipping installDist (${facts.artifact}), with every dependency in lib/`,
      );
    } else if (facts.manifestMainClass !== null) {
      evidence.push(`Main-Class ${facts.manifestMainClass} in the jar's manifest`);
    } else {
      answers.mainClass = classes[0] ?? null;
      evidence.push(
        answers.mainClass
          ? `no Main-Class in the manifest: starting ${answers.mainClass} with java -cp`
          : 'no Main-Class in the manifest, and no class with main under src/main',
      );
    }
    if (answers.mainClass !== null && classes.length > 0) {
      suggestions.mainClass = [answers.mainClass, ...classes.filter((name) => name !== answers.mainClass)];
    }
    if (!facts.bundlesDependencies && facts.dependencies.length > 0 && facts.application === null) {
      evidence.push(`${facts.dependencies.length} dependencies not bundled into the jar`);
    }
    evidence.push('no port: a plain Java app listens on none unless it says so');
  }
  return {
    template: 'java',
    language: 'java',
    stack: [
      'Java',
      answers.buildTool === 'maven' ? 'Maven' : 'Gradle',
      ...(facts.springBoot ? ['Spring Boot'] : []),
    ],
    suggestions,
    evidence,
    answers,
  };
}
