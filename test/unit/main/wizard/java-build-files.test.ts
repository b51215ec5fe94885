import { describe, expect, it } from 'vitest';
import { readGradle, readPom } from '../../../../src/main/wizard/java-build-files';

const pom = (inner: string): string =>
  `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>app</artifactId><version>1.0</version>${inner}</project>`;

describe('readPom', () => {
  it('names the jar-with-dependencies of maven-assembly-plugin and its Main-Class', () => {
    const facts = readPom(
      pom(`<build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId><configuration>
        <archive><manifest><mainClass>g.Main</mainClass></manifest></archive>
        <descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs>
      </configuration></plugin></plugins></build>`),
    );
    expect(facts).toMatchObject({
      artifact: 'target/app-1.0-jar-with-dependencies.jar',
      manifestMainClass: 'g.Main',
      bundlesDependencies: true,
    });
  });

  it('keeps managed, test, provided and plugin dependencies out of the run-time list', () => {
    const facts = readPom(
      pom(`<dependencyManagement><dependencies><dependency><groupId>m</groupId><artifactId>bom</artifactId></dependency></dependencies></dependencyManagement>
      <dependencies>
        <dependency><groupId>a</groupId><artifactId>lib</artifactId></dependency>
        <dependency><groupId>a</groupId><artifactId>rt</artifactId><scope>runtime</scope></dependency>
        <dependency><groupId>t</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>
        <dependency><groupId>p</groupId><artifactId>servlet</artifactId><scope>provided</scope></dependency>
      </dependencies>
      <build><plugins><plugin><artifactId>x-plugin</artifactId><dependencies><dependency><groupId>q</groupId><artifactId>q</artifactId></dependency></dependencies></plugin></plugins></build>`),
    );
    expect(facts.dependencies).toEqual(['a:lib', 'a:rt']);
  });

  it('resolves the release through properties, and 1.8 as 8', () => {
    expect(
      readPom(pom('<properties><v>17</v><maven.compiler.release>${v}</maven.compiler.release></properties>'))
        .javaVersion,
    ).toBe('17');
    expect(
      readPom(pom('<properties><maven.compiler.source>1.8</maven.compiler.source></properties>')).javaVersion,
    ).toBe('8');
  });

  it('ignores plugins that are only managed, and a commented-out Main-Class', () => {
    const facts = readPom(
      pom(`<build><pluginManagement><plugins><plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>g.A</mainClass></manifest></archive></configuration></plugin></plugins></pluginManagement>
      <plugins><!-- <plugin><artifactId>maven-shade-plugin</artifactId></plugin> --></plugins></build>`),
    );
    expect(facts).toMatchObject({
      manifestMainClass: null,
      bundlesDependencies: false,
      artifact: 'target/app-1.0.jar',
    });
  });

  it('names no jar for war packaging', () => {
    expect(readPom(pom('<packaging>war</packaging>')).artifact).toBeNull();
  });
});

describe('readGradle', () => {
  it('reads the Kotlin DSL application plugin and its mainClass.set', () => {
    const facts = readGradle(
      'plugins {\n    application\n}\napplication {\n    mainClass.set("org.x.AppKt")\n}\ndependencies {\n    implementation(libs.guava)\n    implementation("org.slf4j:slf4j-api:2.0.13")\n    testImplementation(kotlin("test"))\n}\n',
      'rootProject.name = "tool"\n',
    );
    expect(facts).toMatchObject({
      application: { mainClass: 'org.x.AppKt' },
      artifact: 'build/install/tool',
      dependencies: ['libs.guava', 'org.slf4j:slf4j-api'],
    });
  });

  it('names the installDist folder after the build folder when settings give no name', () => {
    expect(readGradle("apply plugin: 'application'\nmainClassName = 'a.B'\n", null).artifact).toBe(
      'build/install/src',
    );
  });

  it.each([
    ["jar {\n  manifest {\n    attributes 'Main-Class': 'a.Main'\n  }\n}", 'a.Main'],
    ['tasks.jar { manifest { attributes("Main-Class" to "a.Kt") } }', 'a.Kt'],
    ["jar { manifest { attributes(['Main-Class': 'a.C']) } }", 'a.C'],
    ["// attributes 'Main-Class': 'a.Commented'", null],
  ])('finds the manifest Main-Class in %j', (text, expected) => {
    expect(readGradle(text, null).manifestMainClass).toBe(expected);
  });

  it('reads Spring Boot from the plugin id, in both DSLs', () => {
    expect(readGradle("plugins { id 'org.springframework.boot' version '3.3.0' }", null).springBoot).toBe(
      true,
    );
    expect(readGradle('plugins { id("org.springframework.boot") version "3.3.0" }', null).springBoot).toBe(
      true,
    );
    expect(readGradle('plugins { id("org.springframework.boot.experimental") }', null).springBoot).toBe(
      false,
    );
  });
});
