import type { ProjectDetection } from '@shared/wizard/project-detection';

/**
 * The line the wizard shows after looking inside a folder: the stack in the words its users say
 * ("Looks like Python · Poetry · FastAPI."), then what was found that says so.
 */
export function detectionBanner(detection: ProjectDetection): string {
  const stack = detection.stack.filter((name) => name.trim() !== '');
  const head = stack.length ? `Looks like ${stack.join(' · ')}.` : 'No known project files found.';
  const evidence = detection.evidence.length ? ` Found: ${detection.evidence.join('; ')}.` : '';
  return head + evidence;
}
