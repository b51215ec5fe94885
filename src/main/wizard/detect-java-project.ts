/**
 * Detects a Java project built with Maven (pom.xml) or Gradle (build.gradle[.kts]).
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';

/** A Maven or Gradle project, or null without a build file. */
export async function detectJavaProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const pom = await files.read('pom.xml');
  const gradleFile = (await files.hasFile('build.gradle.kts')) ? 'build.gradle.kts' : 'build.gradle';
  const gradle = pom === null ? await files.read(gradleFile) : null;
  if (pom === null && gradle === null) return null;
  const answers = defaultAnswers('java');
  const evidence: string[] = [];
  let version: string | undefined;
  if (pom !== null) {
    answers.buildTool = 'maven';
    evidence.push('pom.xml: a Maven project');
    version =
      /<maven\.compiler\.release>\s*(\d+)/.exec(pom)?.[1] ??
      /<java\.version>\s*(?:1\.)?(\d+)/.exec(pom)?.[1] ??
      /<maven\.compiler\.(?:source|target)>\s*(?:1\.)?(\d+)/.exec(pom)?.[1] ??
      /<release>\s*(\d+)\s*<\/release>/.exec(pom)?.[1];
    // The project's own coordinates come after <parent>…</parent>; Spring Boot's parent has others.
    const own = pom
      .replace(/<parent>[\s\S]*?<\/parent>/, '')
      .replace(/<dependencies>[\s\S]*<\/dependencies>/, '');
    const artifactId = /<artifactId>\s*([^<\s$]+)\s*<\/artifactId>/.exec(own)?.[1];
    const artifactVersion = /<version>\s*([^<\s$]+)\s*<\/version>/.exec(own)?.[1];
    const packaging = /<packaging>\s*(\w+)/.exec(own)?.[1] ?? 'jar';
    if (artifactId && artifactVersion && packaging === 'jar') {
      answers.artifact = `target/${artifactId}-${artifactVersion}.jar`;
      evidence.push(`builds ${answers.artifact}`);
    }
  } else {
    answers.buildTool = 'gradle';
    evidence.push(`${gradleFile}: a Gradle project`);
    version =
      /JavaLanguageVersion\.of\(\s*(\d+)\s*\)/.exec(gradle!)?.[1] ??
      /jvmToolchain\(\s*(\d+)\s*\)/.exec(gradle!)?.[1] ??
      /sourceCompatibility\s*=\s*(?:JavaVersion\.VERSION_(?:1_)?(\d+)|['"]?(?:1\.)?(\d+))/
        .exec(gradle!)
        ?.slice(1)
        .find(Boolean);
  }
  if (version) {
    answers.javaVersion = version;
    evidence.push(`Java ${version} in the build file`);
  }
  return {
    template: 'java',
    language: 'java',
    stack: ['Java', answers.buildTool === 'maven' ? 'Maven' : 'Gradle'],
    suggestions: {},
    evidence,
    answers,
  };
}
