/**
 * Detects a Go module: go.mod's go line, go.sum, and the `main` packages (root or cmd/*).
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';

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
  return { template: 'go', language: 'go', stack: ['Go'], suggestions: {}, evidence, answers };
}

async function hasMainPackage(files: ProjectFiles, directory: string): Promise<boolean> {
  for (const name of await files.list(directory)) {
    if (!name.endsWith('.go') || name.endsWith('_test.go')) continue;
    const text = await files.read(`${directory}/${name}`);
    if (text && /^package\s+main\b/m.test(text)) return true;
  }
  return false;
}
