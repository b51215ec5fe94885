/**
 * Detects a Python project: which tool installs its dependencies (pip, Poetry, uv, Pipenv, PDM)
 * and what they are, the Python version it pins, its framework (Flask, FastAPI, Django,
 * Streamlit) and the module its app lives in. Reads files only.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { FRAMEWORK_PORTS, suggestedPythonStart } from '../../shared/wizard/templates/python-start';
import type { PythonAnswers } from '../../shared/wizard/templates/python-template';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';
import { detectPythonDependencies } from './python-dependencies';
import { detectPythonEntry } from './python-entry';
import { detectPythonVersion } from './python-version';
import { readToml, type TomlTable } from './read-toml';

const MARKERS = ['requirements.txt', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'requirements'];

const FRAMEWORK_TITLES: Record<PythonAnswers['framework'], string | null> = {
  flask: 'Flask',
  fastapi: 'FastAPI',
  django: 'Django',
  streamlit: 'Streamlit',
  none: null,
};

/** A Python project, or null when none of its usual files exists. */
export async function detectPythonProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const found: string[] = [];
  for (const marker of MARKERS) {
    const present = marker === 'requirements' ? await nestedRequirements(files) : await files.hasFile(marker);
    if (present) found.push(marker === 'requirements' ? 'requirements/' : marker);
  }
  if (found.length === 0) return null;

  const pyproject = await readTomlFile(files, 'pyproject.toml');
  const pipfile = await readTomlFile(files, 'Pipfile');
  const facts = await detectPythonDependencies(files, pyproject, pipfile);
  const version = await detectPythonVersion(files, pyproject, pipfile);
  const entry = await detectPythonEntry(files, facts.declared);

  const answers: PythonAnswers = {
    ...defaultAnswers('python'),
    pythonVersion: version.pythonVersion,
    dependencies: facts.dependencies,
    requirementsFiles: facts.requirementsFiles,
    projectRequirements: facts.projectRequirements,
    managerVersion: facts.managerVersion,
    projectFiles: facts.projectFiles,
    declared: facts.declared,
    framework: entry.framework,
    appModule: entry.appModule,
    sourceDir: entry.sourceDir,
    port: FRAMEWORK_PORTS[entry.framework],
  };
  const suggestions: Record<string, string[]> = { startCommand: [suggestedPythonStart(answers)] };
  if (version.suggestions.length > 0) suggestions.pythonVersion = version.suggestions;
  if (
    facts.alternatives.includes('requirements') ||
    (facts.dependencies === 'requirements' && facts.alternatives.length > 0)
  ) {
    suggestions.dependencies = [facts.dependencies, ...facts.alternatives];
  }
  const title = FRAMEWORK_TITLES[entry.framework];
  return {
    template: 'python',
    language: 'python',
    stack: ['Python', facts.manager, ...(title ? [title] : [])],
    suggestions,
    evidence: [
      `${found.join(', ')}: a Python project`,
      ...facts.evidence,
      ...(version.evidence ? [version.evidence] : []),
      ...entry.evidence,
    ],
    answers,
  };
}

async function nestedRequirements(files: ProjectFiles): Promise<boolean> {
  return (await files.list('requirements')).some((name) => name.endsWith('.txt'));
}

async function readTomlFile(files: ProjectFiles, path: string): Promise<TomlTable | null> {
  const text = await files.read(path);
  return text === null ? null : readToml(text);
}
