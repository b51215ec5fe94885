/**
 * Detects compiled-language projects: Go (go.mod), Java (pom.xml, build.gradle), and Rust
 * (Cargo.toml), which has no template of its own and gets a custom multi-stage Dockerfile.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { CustomInstruction } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';

const USER_SETUP =
  'groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app';

/** A Go module, or null without go.mod. */
export async function detectGoProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const goMod = await files.read('go.mod');
  if (goMod === null) return null;
  const evidence = ['go.mod: a Go module'];
  const answers = defaultAnswers('go');
  const version = /^go\s+(\d+\.\d+)/m.exec(goMod)?.[1];
  if (version) {
    answers.goVersion = version;
    evidence.push(`"go ${version}" in go.mod`);
  }
  const modulePath = /^module\s+(\S+)/m.exec(goMod)?.[1];
  const moduleName = modulePath
    ?.split('/')
    .at(-1)
    ?.replace(/[^A-Za-z0-9._-]/g, '');
  if (moduleName) answers.binaryName = moduleName;
  answers.hasGoSum = await files.hasFile('go.sum');
  if (!answers.hasGoSum) evidence.push('no go.sum: the module has no dependencies yet');

  const rootHasMain = await hasMainPackage(files, '.');
  if (rootHasMain) {
    evidence.push('package main at the module root');
  } else {
    const commands = [];
    for (const name of await files.list('cmd')) {
      if (await hasMainPackage(files, `cmd/${name}`)) commands.push(name);
    }
    const command = commands[0];
    if (command) {
      answers.mainPackage = `./cmd/${command}`;
      answers.binaryName = command;
      evidence.push(
        `package main in cmd/${command}${commands.length > 1 ? ` (also: ${commands.slice(1).join(', ')})` : ''}`,
      );
    }
  }
  return { template: 'go', language: 'go', evidence, answers };
}

async function hasMainPackage(files: ProjectFiles, directory: string): Promise<boolean> {
  for (const name of await files.list(directory)) {
    if (!name.endsWith('.go') || name.endsWith('_test.go')) continue;
    const text = await files.read(`${directory}/${name}`);
    if (text && /^package\s+main\b/m.test(text)) return true;
  }
  return false;
}

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
  return { template: 'java', language: 'java', evidence, answers };
}

/** A Rust crate as custom instructions (no Rust template), or null without Cargo.toml. */
export async function detectRustProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const cargo = await files.read('Cargo.toml');
  if (cargo === null) return null;
  const evidence = ['Cargo.toml: a Rust crate (no Rust template: prefilled custom instructions)'];
  const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? 'app';
  const rustVersion = /^\s*rust-version\s*=\s*"(\d+\.\d+)/m.exec(cargo)?.[1];
  if (rustVersion) evidence.push(`rust-version ${rustVersion} in Cargo.toml`);
  const locked = await files.hasFile('Cargo.lock');
  const instructions: CustomInstruction[] = [
    { keyword: 'FROM', value: `rust:${rustVersion ?? '1.83'}-slim AS build` },
    { keyword: 'WORKDIR', value: '/src' },
    { keyword: 'COPY', value: '. .' },
    { keyword: 'RUN', value: `cargo build --release${locked ? ' --locked' : ''}` },
    { keyword: 'FROM', value: 'debian:12-slim' },
    { keyword: 'RUN', value: USER_SETUP },
    { keyword: 'COPY', value: `--from=build /src/target/release/${name} /usr/local/bin/${name}` },
    { keyword: 'USER', value: 'app' },
    { keyword: 'CMD', value: `/usr/local/bin/${name}` },
  ];
  return { template: 'custom', language: 'rust', evidence, answers: { template: 'custom', instructions } };
}
