/**
 * Detects a plain static website: an index.html at the root or in a usual site folder.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';

const SITE_FOLDERS = ['.', 'public', 'site', 'www', 'docs'];

/** A folder of HTML files, or null without index.html. */
export async function detectStaticSite(files: ProjectFiles): Promise<ProjectDetection | null> {
  for (const folder of SITE_FOLDERS) {
    const path = folder === '.' ? 'index.html' : `${folder}/index.html`;
    if (await files.hasFile(path)) {
      return {
        template: 'static',
        language: 'html',
        stack: ['Static site'],
        suggestions: {},
        evidence: [`${path}: a static website`],
        answers: { ...defaultAnswers('static'), siteDir: folder },
      };
    }
  }
  return null;
}
