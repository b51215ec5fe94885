/**
 * Finds the classes a JVM can start under src/main: Java classes with `public static void main`
 * and Kotlin files with a top-level `fun main` (compiled to `<File>Kt`).
 */
import type { ProjectFiles } from './project-files';

const MAX_FILES = 2000;
const MAX_DEPTH = 12;

/** The fully qualified names of the startable classes, in path order. */
export async function javaMainClasses(files: ProjectFiles): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const name of await files.list(dir)) {
      if (seen >= MAX_FILES) return;
      const path = `${dir}/${name}`;
      if (name.endsWith('.java') || name.endsWith('.kt')) {
        seen++;
        const text = await files.read(path);
        const className = text === null ? null : mainClassOf(name, text);
        if (className !== null) found.push(className);
      } else if (depth < MAX_DEPTH && !name.includes('.') && (await files.hasDirectory(path))) {
        await walk(path, depth + 1);
      }
    }
  };
  for (const root of ['src/main/java', 'src/main/kotlin']) await walk(root, 0);
  return found;
}

/** The class a file's main method lives in, or null when it has none. */
export function mainClassOf(fileName: string, source: string): string | null {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const pkg = /^\s*package\s+([\w.]+)/m.exec(code)?.[1];
  const qualified = (name: string): string => (pkg ? `${pkg}.${name}` : name);
  if (fileName.endsWith('.java')) {
    const main =
      /\b(?:public\s+static|static\s+public)\s+void\s+main\s*\(\s*(?:final\s+)?String\s*(?:\[\s*\]|\.\.\.|\s\w+\s*\[\s*\])/;
    return main.test(code) ? qualified(fileName.slice(0, -'.java'.length)) : null;
  }
  // A top-level `fun main` (not indented inside a class or object) compiles to <File>Kt.
  if (!/^fun\s+main\s*\(/m.test(code)) return null;
  const base = fileName.slice(0, -'.kt'.length);
  return qualified(`${base.charAt(0).toUpperCase()}${base.slice(1)}Kt`);
}
