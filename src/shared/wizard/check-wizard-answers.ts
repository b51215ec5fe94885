/**
 * Checks answers before generating, so the wizard can show a message next to the field instead of
 * writing a Dockerfile that fails to build or leaks a secret.
 */
import { splitCommandLine } from '../containers';
import { looksLikeSecretName } from '../dockerfile/lint/rules/secret-rule';
import { parseImageReference } from '../image-reference';
import type { ImageFamily } from '../dockerfile/lint/image-family';
import { familyFor, installsPackages } from './dockerfile-writer';
import type { AppAnswers, EnvVariable, UserAnswer, WizardAnswers } from './wizard-answers';
import type { WizardProblem } from './wizard-template';
import { finalBaseImage, templateOf } from './wizard-templates';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9+._:=~-]*$/;

/** Every problem found in the answers; empty when they generate a sound Dockerfile. */
export function checkWizardAnswers(answers: WizardAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if ('baseImage' in answers && answers.baseImage !== null) {
    const parsed = parseImageReference(answers.baseImage);
    if (!parsed.ok) problems.push({ field: 'baseImage', message: parsed.message });
    else if (parsed.reference.tag === 'latest') {
      const written = /:latest$/.test(answers.baseImage.trim());
      problems.push({
        field: 'baseImage',
        message: written
          ? 'Pin a version instead of "latest".'
          : 'Add a version tag: without one the builder takes "latest".',
      });
    }
  }
  if ('env' in answers) problems.push(...checkEnv(answers.env));
  const family = familyFor('baseFamily' in answers ? answers.baseFamily : null, finalBaseImage(answers));
  if ('systemPackages' in answers) problems.push(...checkPackages(answers.systemPackages, family));
  if ('workdir' in answers) problems.push(...checkApp(answers));
  problems.push(...templateOf(answers).check(answers, family));
  return problems;
}

function checkApp(answers: AppAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (!answers.workdir.startsWith('/')) {
    problems.push({ field: 'workdir', message: 'Write an absolute path, such as /app.' });
  }
  if (
    answers.port !== null &&
    (!Number.isInteger(answers.port) || answers.port < 1 || answers.port > 65535)
  ) {
    problems.push({ field: 'port', message: 'A port is a whole number from 1 to 65535.' });
  }
  problems.push(...checkUser(answers.user));
  if (answers.startCommand !== null) {
    const split = splitCommandLine(answers.startCommand);
    if (!split.ok) problems.push({ field: 'startCommand', message: split.message });
    else if (split.words.length === 0)
      problems.push({
        field: 'startCommand',
        message: 'Write a command, or clear the field for the suggestion.',
      });
  }
  return problems;
}

function checkUser(user: UserAnswer): WizardProblem[] {
  if (user.kind === 'existing') {
    const name = user.name.split(':')[0] ?? '';
    if (name === 'root' || name === '0')
      return [{ field: 'user', message: 'That is root: choose an unprivileged user.' }];
    if (name.trim() === '')
      return [{ field: 'user', message: 'Name the user, or let the wizard create one.' }];
    return [];
  }
  const problems: WizardProblem[] = [];
  if (!USER_NAME.test(user.name)) {
    problems.push({
      field: 'user',
      message: 'A user name is lower-case letters, digits, "_" and "-", starting with a letter.',
    });
  }
  if (!Number.isInteger(user.uid) || user.uid < 1 || user.uid > 2_147_483_647) {
    problems.push({ field: 'user', message: 'The user id must be a whole number above 0 (0 is root).' });
  }
  return problems;
}

function checkEnv(variables: readonly EnvVariable[]): WizardProblem[] {
  const problems: WizardProblem[] = [];
  for (const { name } of variables) {
    if (!ENV_NAME.test(name)) {
      problems.push({
        field: 'env',
        message: `"${name}" is not a variable name: letters, digits and "_", not starting with a digit.`,
      });
    } else if (looksLikeSecretName(name)) {
      problems.push({
        field: 'env',
        message: `${name} looks like a secret: pass it at run time (docker run -e ${name}=…), not in the image.`,
      });
    }
  }
  return problems;
}

function checkPackages(packages: readonly string[], family: ImageFamily): WizardProblem[] {
  if (packages.length === 0) return [];
  const problems: WizardProblem[] = [];
  const bad = packages.find((name) => !PACKAGE_NAME.test(name));
  if (bad !== undefined)
    problems.push({ field: 'systemPackages', message: `"${bad}" is not a package name.` });
  if (!installsPackages(family)) {
    problems.push({
      field: 'systemPackages',
      message:
        'This base image has neither apt nor apk: packages cannot be installed; choose a Debian, Ubuntu or Alpine image.',
    });
  }
  return problems;
}
