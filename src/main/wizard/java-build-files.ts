/**
 * What a Maven pom.xml or a Gradle build script says about the jar it makes: the Java release,
 * Spring Boot, whether the manifest gets a Main-Class, whether dependencies are bundled, the
 * run-time dependencies and the file name. Read as text with small patterns, never evaluated.
 */

/** The facts about the jar a build file makes. */
export interface JavaBuildFacts {
  javaVersion: string | null;
  springBoot: boolean;
  /** The Main-Class the build writes into the manifest, when it names one. */
  manifestMainClass: string | null;
  bundlesDependencies: boolean;
  /** Run-time dependencies (`group:artifact`, or a version-catalog alias such as `libs.guava`). */
  dependencies: string[];
  /** The jar (Maven) or installDist folder (Gradle application) relative to the project; null when unsure. */
  artifact: string | null;
  /** Gradle's application plugin, with its `mainClass` when set. */
  application: { mainClass: string | null } | null;
}

const blocks = (text: string, tag: string): string[] =>
  [...text.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!);

const tagValue = (text: string, tag: string): string | null =>
  new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(text)?.[1] ?? null;

const withoutComments = (xml: string): string => xml.replace(/<!--[\s\S]*?-->/g, '');

/** Replaces `${name}` with the pom's own properties and coordinates, leaving unknown ones as they are. */
function substitute(value: string, properties: Record<string, string>): string {
  return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties[name] ?? whole);
}

/** Reads pom.xml. */
export function readPom(source: string): JavaBuildFacts {
  const pom = withoutComments(source);
  const parent = blocks(pom, 'parent')[0] ?? '';
  // The project's own coordinates and dependencies sit outside parent, management and build sections.
  const own = pom
    .replace(/<parent>[\s\S]*?<\/parent>/, '')
    .replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g, '')
    .replace(/<profiles>[\s\S]*?<\/profiles>/g, '')
    .replace(/<build>[\s\S]*?<\/build>/g, '')
    .replace(/<reporting>[\s\S]*?<\/reporting>/g, '');
  const top = own
    .replace(/<dependencies>[\s\S]*?<\/dependencies>/g, '')
    .replace(/<properties>[\s\S]*?<\/properties>/g, '');
  const artifactId = tagValue(top, 'artifactId');
  const version = tagValue(top, 'version') ?? tagValue(parent, 'version');
  const properties: Record<string, string> = {};
  for (const block of blocks(pom, 'properties')) {
    for (const match of block.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties[match[1]!] = match[2]!;
  }
  if (artifactId) properties['project.artifactId'] = artifactId;
  if (version) properties['project.version'] = version;

  const build = (blocks(pom, 'build')[0] ?? '').replace(
    /<pluginManagement>[\s\S]*?<\/pluginManagement>/g,
    '',
  );
  const plugins = blocks(build, 'plugin');
  const plugin = (id: string): string | undefined =>
    plugins.find((text) => tagValue(text, 'artifactId') === id);
  const springBoot =
    /spring-boot-starter-parent/.test(tagValue(parent, 'artifactId') ?? '') ||
    plugin('spring-boot-maven-plugin') !== undefined;
  const mainClassIn = (text: string | undefined): string | null => {
    const found = text === undefined ? null : (tagValue(text, 'mainClass') ?? tagValue(text, 'Main-Class'));
    return found === null ? null : substitute(found, properties);
  };
  const shade = plugin('maven-shade-plugin');
  const assembly = plugin('maven-assembly-plugin');
  const withDependencies = assembly !== undefined && /jar-with-dependencies/.test(assembly);

  const packaging = tagValue(top, 'packaging') ?? 'jar';
  const finalName = tagValue(build.replace(/<plugins>[\s\S]*<\/plugins>/, ''), 'finalName');
  const base = finalName
    ? substitute(finalName, properties)
    : artifactId && version
      ? `${artifactId}-${version}`
      : null;
  const artifact =
    packaging === 'jar' && base !== null && !base.includes('${')
      ? `target/${base}${withDependencies ? '-jar-with-dependencies' : ''}.jar`
      : null;

  const dependencies = blocks(blocks(own, 'dependencies').join('\n'), 'dependency')
    .filter(
      (dependency) => !/^(test|provided|import|system)$/.test(tagValue(dependency, 'scope') ?? 'compile'),
    )
    .map(
      (dependency) =>
        `${tagValue(dependency, 'groupId') ?? '?'}:${tagValue(dependency, 'artifactId') ?? '?'}`,
    );

  const releases = [
    properties['maven.compiler.release'],
    properties['java.version'],
    properties['maven.compiler.source'],
    properties['maven.compiler.target'],
    tagValue(plugin('maven-compiler-plugin') ?? '', 'release'),
  ];
  const release =
    releases.map((value) => javaRelease(value && substitute(value, properties))).find(Boolean) ?? null;
  return {
    javaVersion: release,
    springBoot,
    manifestMainClass: springBoot
      ? 'org.springframework.boot.loader.launch.JarLauncher'
      : (mainClassIn(withDependencies ? assembly : undefined) ??
        mainClassIn(shade) ??
        mainClassIn(plugin('maven-jar-plugin'))),
    bundlesDependencies: springBoot || shade !== undefined || withDependencies,
    dependencies,
    artifact,
    application: null,
  };
}

/** `17`, `1.8` → `8`, a property left unresolved → null. */
function javaRelease(value: string | null | undefined): string | null {
  const match = /^\s*(?:1\.)?(\d+)\s*$/.exec(value ?? '');
  return match ? match[1]! : null;
}

const stripGradleComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Reads build.gradle or build.gradle.kts, with settings.gradle[.kts] for the project name. */
export function readGradle(source: string, settings: string | null): JavaBuildFacts {
  const gradle = stripGradleComments(source);
  const pluginApplied = (id: string): boolean =>
    new RegExp(
      `id\\s*\\(?\\s*["']${id.replace(/\./g, '\\.')}["']|apply\\s+plugin:\\s*["']${id.replace(/\./g, '\\.')}["']`,
    ).test(gradle);
  const springBoot = pluginApplied('org.springframework.boot');
  const usesApplication =
    pluginApplied('application') ||
    /^\s*application\s*$/m.test(/plugins\s*\{([\s\S]*?)\}/.exec(gradle)?.[1] ?? '');
  const applicationMain = /mainClass(?:Name)?\s*(?:=|\.set\()\s*["']([\w.$]+)["']/.exec(gradle)?.[1] ?? null;
  const manifestMain = /["']Main-Class["']\s*(?::|to|,)\s*["']([\w.$]+)["']/.exec(gradle)?.[1] ?? null;
  const shadow = /com\.github\.johnrengelman\.shadow|com\.gradleup\.shadow/.test(gradle);

  const dependencies: string[] = [];
  const body = /^dependencies\s*\{([\s\S]*?)^\}/m.exec(gradle)?.[1] ?? '';
  for (const match of body.matchAll(
    /^\s*(?:implementation|api|runtimeOnly|compile|runtime)\s*\(?\s*(?:["']([^"':]+):([^"':]+)[^"']*["']|(libs\.[\w.]+))/gm,
  )) {
    dependencies.push(match[3] ?? `${match[1]}:${match[2]}`);
  }

  const projectName =
    /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(settings ?? '')?.[1] ??
    // Without a name Gradle names the project after its folder: /src in the build stage.
    'src';
  const applicationName = /applicationName\s*=\s*["']([^"']+)["']/.exec(gradle)?.[1] ?? projectName;
  const version =
    /JavaLanguageVersion\.of\(\s*(\d+)\s*\)/.exec(gradle)?.[1] ??
    /jvmToolchain\(\s*(\d+)\s*\)/.exec(gradle)?.[1] ??
    /(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_(?:1_)?(\d+)|['"]?(?:1\.)?(\d+))/
      .exec(gradle)
      ?.slice(1)
      .find(Boolean) ??
    null;
  const application = usesApplication && !springBoot ? { mainClass: applicationMain } : null;
  return {
    javaVersion: version,
    springBoot,
    manifestMainClass: springBoot ? 'org.springframework.boot.loader.launch.JarLauncher' : manifestMain,
    bundlesDependencies: springBoot || shadow,
    dependencies,
    artifact: application ? `build/install/${applicationName}` : null,
    application,
  };
}
