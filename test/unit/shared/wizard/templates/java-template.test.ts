import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { javaCautions, suggestedJavaStart } from '../../../../../src/shared/wizard/templates/java-template';
import type { JavaAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<JavaAnswers>): JavaAnswers => ({ ...defaultAnswers('java'), ...changes });
const messages = (changes: Partial<JavaAnswers>): string[] =>
  javaCautions(answers(changes)).map((c) => c.message);

describe('the Java template', () => {
  it('starts the class with main through java -cp when the manifest names none (the fix for "no main manifest attribute")', () => {
    const plain = answers({ manifestMainClass: false, mainClass: 'com.example.Main' });
    expect(generateDockerfile(plain)).toContain('CMD ["java", "-cp", "/app/app.jar", "com.example.Main"]');
    expect(javaCautions(plain)).toEqual([]);
  });

  it('warns when neither a Main-Class nor a class with main is known, unless a start command is typed', () => {
    expect(messages({ manifestMainClass: false, mainClass: null })[0]).toContain(
      'no main manifest attribute',
    );
    expect(
      messages({ manifestMainClass: false, mainClass: null, startCommand: 'java -cp /app/app.jar a.B' }),
    ).toEqual([]);
    expect(messages({ manifestMainClass: null, mainClass: null })).toEqual([]);
  });

  it('warns that a plain jar leaves its dependencies off the classpath', () => {
    const [message] = messages({ manifestMainClass: true, dependencies: ['a:b', 'c:d', 'e:f', 'g:h'] });
    expect(message).toContain('(a:b, c:d, e:f and 1 more)');
    expect(messages({ manifestMainClass: true, dependencies: ['a:b'], bundlesDependencies: true })).toEqual(
      [],
    );
    expect(messages({ springBoot: true, manifestMainClass: true, dependencies: ['a:b'] })).toEqual([]);
  });

  it('names the other classes with main when it picked one', () => {
    expect(messages({ manifestMainClass: false, mainClass: 'a.A', mainClasses: ['a.A', 'a.B'] })).toEqual([
      '2 classes with main: starting a.A; choose in Start.',
    ]);
  });

  it('ships a Gradle application as its installDist folder and starts its script', () => {
    const app = answers({
      buildTool: 'gradle',
      distribution: true,
      artifact: 'build/install/greeter',
      dependencies: ['x:y'],
    });
    const text = generateDockerfile(app);
    expect(text).toContain('RUN gradle --no-daemon installDist');
    expect(text).toContain('COPY --from=build /src/build/install/greeter/ ./');
    expect(suggestedJavaStart(app)).toBe('/app/bin/greeter');
    expect(javaCautions(app)).toEqual([]);
  });

  it('builds with the wrapper on a plain JDK, and Spring Boot with bootJar', () => {
    const maven = generateDockerfile(answers({ wrapper: true }));
    expect(maven).toContain('FROM eclipse-temurin:21-jdk AS build');
    expect(maven).toContain(
      'COPY mvnw pom.xml ./\nCOPY .mvn .mvn\nRUN ./mvnw --batch-mode dependency:go-offline',
    );
    const gradle = generateDockerfile(answers({ buildTool: 'gradle', wrapper: true, springBoot: true }));
    expect(gradle).toContain('COPY gradlew *.gradle* ./\nCOPY gradle gradle');
    expect(gradle).toContain('RUN ./gradlew --no-daemon bootJar');
  });
});
