/**
 * Looks at a project folder and tells the wizard which template fits, with answers prefilled from
 * the project's own files (versions found there become the base image tags).
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { detectGoProject } from './detect-go-project';
import { detectJavaProject } from './detect-java-project';
import { detectRustProject } from './detect-rust-project';
import { detectDotnetProject } from './detect-dotnet-project';
import { detectNodeProject } from './detect-node-project';
import { detectPythonProject } from './detect-python-project';
import { detectPhpProject } from './detect-php-project';
import { detectRubyProject } from './detect-ruby-project';
import { detectScriptProject } from './detect-script-project';
import { detectStaticSite } from './detect-static-site';
import { openProjectFiles } from './project-files';

/**
 * The template that fits the project in `dir`.
 *
 * Markers are checked from the most specific: go.mod, a Maven or Gradle build, Cargo.toml, a .NET
 * project or solution, Python files, composer.json or index.php, a Gemfile, package.json, then a
 * plain index.html, then a shell script; a folder with none of them gets the custom template.
 * Never throws for unreadable files.
 */
export async function detectProject(dir: string): Promise<ProjectDetection> {
  const files = openProjectFiles(dir);
  const detectors = [
    detectGoProject,
    detectJavaProject,
    detectRustProject,
    detectDotnetProject,
    detectPythonProject,
    // Before Node: Laravel and Rails apps carry a package.json for their front-end assets.
    detectPhpProject,
    detectRubyProject,
    detectNodeProject,
    detectStaticSite,
    // Last: a Python, Node or static project with a helper script stays what it is.
    detectScriptProject,
  ];
  for (const detect of detectors) {
    const found = await detect(files);
    if (found) return found;
  }
  return {
    template: 'custom',
    language: null,
    stack: [],
    suggestions: {},
    evidence: ['no known project files: start from the custom template'],
    answers: defaultAnswers('custom'),
  };
}
