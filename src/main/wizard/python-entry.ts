/**
 * Where a Python app starts: the framework among the declared dependencies, and the module that
 * holds the app (app.py, main.py, app/main.py, src/<package>/…, streamlit_app.py, or Django's
 * `<project>.wsgi` from manage.py's settings module).
 */
import type { PythonFramework } from '../../shared/wizard/templates/python-template';
import type { ProjectFiles } from './project-files';
import { isDeclared } from './python-dependencies';

/** The app's framework, module and source folder, with why. */
export interface PythonEntry {
  framework: PythonFramework;
  appModule: string;
  sourceDir: string;
  evidence: string[];
}

const TITLES: Record<PythonFramework, string> = {
  flask: 'Flask',
  fastapi: 'FastAPI',
  django: 'Django',
  streamlit: 'Streamlit',
  none: '',
};

/**
 * What the app's own file says when it holds the framework's app: first a module-level `app = …`
 * (the name the start commands use), then any mention of the framework's constructor.
 */
const MARKERS: Record<PythonFramework, RegExp[]> = {
  flask: [/^app\s*=\s*(Flask|create_app)\s*\(/m, /\bFlask\s*\(/],
  fastapi: [/^app\s*=\s*FastAPI\s*\(/m, /\bFastAPI\s*\(/],
  streamlit: [/^\s*(import streamlit|from streamlit)/m],
  django: [],
  none: [/if\s+__name__\s*==\s*["']__main__["']/],
};

/** Module names to try, most usual first. */
const MODULES: Record<PythonFramework, string[]> = {
  flask: ['app', 'wsgi', 'main', 'application', 'server', 'run', '__init__'],
  fastapi: ['main', 'app', 'api', 'server', 'asgi', '__init__'],
  streamlit: ['streamlit_app', 'app', 'main', 'Home', 'dashboard'],
  django: [],
  none: ['main', 'app', '__main__', 'run', 'cli', 'bot', 'server'],
};

/** Folders that hold no app code. */
const NOT_CODE = new Set([
  'tests',
  'test',
  'docs',
  'doc',
  'examples',
  'scripts',
  'migrations',
  'benchmarks',
  'static',
  'templates',
  'node_modules',
  'venv',
  'build',
  'dist',
  'requirements',
]);

/** Files at the top that are tooling, not the app. */
const NOT_APP = new Set(['setup.py', 'conftest.py', 'noxfile.py', 'fabfile.py', 'manage.py', 'tasks.py']);

/** Finds the framework and the app's module. */
export async function detectPythonEntry(
  files: ProjectFiles,
  declared: readonly string[],
): Promise<PythonEntry> {
  const managePy = await files.read('manage.py');
  if (isDeclared(declared, 'django') || (managePy !== null && /django/.test(managePy))) {
    return djangoEntry(files, managePy);
  }
  const framework: PythonFramework =
    (['fastapi', 'flask', 'streamlit'] as const).find((name) => isDeclared(declared, name)) ?? 'none';
  const evidence = framework === 'none' ? [] : [`${TITLES[framework]} among the dependencies`];
  const candidates = await candidateModules(files, framework);
  const texts = await Promise.all(candidates.map((candidate) => files.read(candidate.path)));
  const marked = MARKERS[framework].flatMap((marker) =>
    candidates.filter((_, index) => marker.test(texts[index] ?? '')),
  );
  const pureScript = framework === 'none' ? await loneScript(files) : null;
  // A package run with `python -m` says so by having __main__.py.
  const runnable = framework === 'none' ? candidates.find((c) => c.module.endsWith('.__main__')) : undefined;
  const chosen = runnable ?? marked[0] ?? pureScript ?? candidates[0];
  if (!chosen) {
    return { framework, appModule: framework === 'fastapi' ? 'main' : 'app', sourceDir: '', evidence };
  }
  evidence.push(
    `${chosen.path}${marked[0] === chosen && framework !== 'none' ? ` makes the ${TITLES[framework]} app` : ''}: module ${chosen.module}`,
  );
  return { framework, appModule: chosen.module, sourceDir: chosen.sourceDir, evidence };
}

interface Candidate {
  path: string;
  module: string;
  sourceDir: string;
}

/** The files the app may live in: top-level modules, then packages at the top, then packages under src/. */
async function candidateModules(files: ProjectFiles, framework: PythonFramework): Promise<Candidate[]> {
  const names = MODULES[framework];
  const found: Candidate[] = [];
  for (const name of names.filter((name) => name !== '__init__' && name !== '__main__')) {
    if (await files.hasFile(`${name}.py`)) found.push({ path: `${name}.py`, module: name, sourceDir: '' });
  }
  const packages: { dir: string; module: string; sourceDir: string }[] = [];
  for (const entry of await files.list()) {
    if (
      !entry.startsWith('.') &&
      !NOT_CODE.has(entry) &&
      entry !== 'src' &&
      (await files.hasFile(`${entry}/__init__.py`))
    )
      packages.push({ dir: entry, module: entry, sourceDir: '' });
  }
  for (const entry of await files.list('src')) {
    if (await files.hasFile(`src/${entry}/__init__.py`))
      packages.push({ dir: `src/${entry}`, module: entry, sourceDir: 'src' });
  }
  for (const pkg of packages) {
    for (const name of names) {
      if (!(await files.hasFile(`${pkg.dir}/${name}.py`))) continue;
      const module = name === '__init__' ? pkg.module : `${pkg.module}.${name}`;
      found.push({ path: `${pkg.dir}/${name}.py`, module, sourceDir: pkg.sourceDir });
    }
  }
  return found;
}

/** The only top-level .py file of a script project, when there is exactly one. */
async function loneScript(files: ProjectFiles): Promise<Candidate | null> {
  const scripts = (await files.list()).filter((name) => name.endsWith('.py') && !NOT_APP.has(name));
  const only = scripts.length === 1 ? scripts[0]! : null;
  return only && /^[A-Za-z_]\w*\.py$/.test(only)
    ? { path: only, module: only.slice(0, -3), sourceDir: '' }
    : null;
}

/** Django: the WSGI module from the settings manage.py names (`mysite.settings` → `mysite.wsgi`). */
async function djangoEntry(files: ProjectFiles, managePy: string | null): Promise<PythonEntry> {
  const evidence = ['Django among the dependencies'];
  const settings = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(managePy ?? '')?.[1] ?? null;
  if (settings === null) {
    evidence.push('no settings module found in manage.py: set the WSGI module by hand');
    return { framework: 'django', appModule: 'config.wsgi', sourceDir: '', evidence };
  }
  const settingsText = (await files.read(`${settings.replace(/\./g, '/')}.py`)) ?? '';
  const declared = /^\s*WSGI_APPLICATION\s*=\s*["']([\w.]+)\.application["']/m.exec(settingsText)?.[1];
  if (declared) {
    evidence.push(`manage.py: settings ${settings}, whose WSGI_APPLICATION is ${declared}`);
    return { framework: 'django', appModule: declared, sourceDir: '', evidence };
  }
  // `config.settings.production` keeps its wsgi.py in `config/`: try the settings' parents.
  const parts = settings.split('.');
  for (let length = parts.length - 1; length >= 1; length--) {
    const pkg = parts.slice(0, length).join('.');
    if (await files.hasFile(`${pkg.replace(/\./g, '/')}/wsgi.py`)) {
      evidence.push(`manage.py: settings ${settings}; ${pkg.replace(/\./g, '/')}/wsgi.py`);
      return { framework: 'django', appModule: `${pkg}.wsgi`, sourceDir: '', evidence };
    }
  }
  evidence.push(`manage.py: settings ${settings}`);
  return { framework: 'django', appModule: `${parts[0]}.wsgi`, sourceDir: '', evidence };
}
