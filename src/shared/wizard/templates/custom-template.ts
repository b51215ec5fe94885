/**
 * Custom: the Dockerfile instruction by instruction, each with its explanation. CMD and ENTRYPOINT
 * are typed as command lines and written in exec form. Defaults assume Debian (useradd).
 */
import { commandWords, line, type DockerfileLine } from '../dockerfile-writer';
import type { CustomAnswers, CustomInstruction, CustomKeyword } from '../wizard-answers';
import type { WizardProblem, WizardTemplate } from '../wizard-template';

/** What each instruction does, for the custom template's editor and the Dockerfile editor's hover. */
export const INSTRUCTION_EXPLANATIONS: Record<CustomKeyword, string> = {
  FROM:
    'FROM picks the image to build on and starts a stage. Pin a version in the tag (python:3.12-slim, not python) so ' +
    'the same file builds the same image later. "AS name" names the stage, so a later stage can COPY --from it.',
  RUN:
    'RUN executes a command while building and saves the result as a layer. Join related commands with && in one ' +
    'RUN, and clean up (package lists, caches) in that same RUN: a file deleted in a later RUN still weighs in the earlier layer.',
  COPY:
    'COPY copies files from your project (the build context) into the image. Copy dependency manifests before the ' +
    'rest of the code: Docker reuses cached steps while their inputs are unchanged, so code edits then skip the install.',
  WORKDIR:
    'WORKDIR sets (and creates) the folder the following instructions and the container work in. Use it instead of ' +
    '`cd` in RUN, which is forgotten after that RUN.',
  ENV:
    'ENV sets environment variables for later steps and for the running container. Values are stored in the image: ' +
    'never put passwords or tokens here.',
  ARG:
    'ARG declares a build-time variable (`docker build --build-arg NAME=value`). It does not exist in the running ' +
    'container, but its value can show in the image history: not for secrets either.',
  EXPOSE: 'EXPOSE documents the port the app listens on; you still publish it with `docker run -p`.',
  USER:
    'USER sets who the following RUN steps and the container run as. Switch to an unprivileged user before CMD so ' +
    'the app does not run as root.',
  LABEL: 'LABEL adds metadata to the image, such as org.opencontainers.image.source=<repository URL>.',
  VOLUME:
    'VOLUME marks a folder whose data lives outside the container (databases, uploads). Data written there survives ' +
    'a new container; changes made to it by later build steps are discarded.',
  CMD:
    'CMD is the command the container runs. Written in exec form (a JSON list), your program runs as process 1 and ' +
    'receives the stop signal, so `docker stop` is quick.',
  ENTRYPOINT:
    'ENTRYPOINT fixes the program the container runs; CMD then only holds its default arguments, which ' +
    '`docker run <image> …` replaces. Use it for images that act like a command-line tool.',
};

/** The Dockerfile text of one custom instruction. */
export function customInstructionText({ keyword, value }: CustomInstruction): string {
  const trimmed = value.trim();
  if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !trimmed.startsWith('[')) {
    return `${keyword} [${commandWords(trimmed)
      .map((word) => JSON.stringify(word))
      .join(', ')}]`;
  }
  const lines = trimmed
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return `${keyword} ${lines.join(' \\\n    ')}`;
}

/** The Dockerfile lines for custom instructions; a FROM after the first starts a new stage after a blank line. */
export function writeCustom(answers: CustomAnswers): DockerfileLine[] {
  const lines: DockerfileLine[] = [];
  for (const [index, instruction] of answers.instructions.entries()) {
    if (instruction.keyword === 'FROM' && index > 0) lines.push({ blank: true });
    const explanation = INSTRUCTION_EXPLANATIONS[instruction.keyword];
    lines.push(
      line(
        customInstructionText(instruction),
        explanation.slice(0, explanation.indexOf('. ') + 1) || explanation,
      ),
    );
  }
  return lines;
}

function checkCustom({ instructions }: CustomAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  const first = instructions.find((instruction) => instruction.keyword !== 'ARG');
  if (first?.keyword !== 'FROM')
    problems.push({ field: 'instructions', message: 'Start with FROM (only ARG may come before it).' });
  for (const [index, { keyword, value }] of instructions.entries()) {
    if (value.trim() === '')
      problems.push({
        field: 'instructions',
        message: `Instruction ${index + 1} (${keyword}) has no value.`,
      });
  }
  return problems;
}

/** The image of the last FROM (the final stage), without its flags. */
function customFinalImage({ instructions }: CustomAnswers): string {
  const from = instructions.findLast((instruction) => instruction.keyword === 'FROM');
  return from?.value.split(/\s+/).find((word) => word !== '' && !word.startsWith('--')) ?? '';
}

const DEFAULT_INSTRUCTIONS: CustomInstruction[] = [
  { keyword: 'FROM', value: 'debian:12-slim' },
  {
    keyword: 'RUN',
    value:
      'groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app',
  },
  { keyword: 'WORKDIR', value: '/app' },
  { keyword: 'COPY', value: '. .' },
  { keyword: 'USER', value: 'app' },
  { keyword: 'CMD', value: 'bash' },
];

/** The custom template. */
export const customTemplate: WizardTemplate<CustomAnswers> = {
  id: 'custom',
  title: 'Custom',
  summary: 'Write the Dockerfile instruction by instruction, with an explanation for each.',
  assumes: 'Debian (debian:12-slim, useradd) for the starting instructions.',
  steps: [
    {
      id: 'instructions',
      title: 'Instructions',
      instructions: Object.keys(INSTRUCTION_EXPLANATIONS),
      explanation:
        'Add instructions one by one, in the order the build runs them. A good order is: FROM, system packages, ' +
        'a user, WORKDIR, dependency manifests and their install, the rest of the code, USER, EXPOSE and CMD. Steps ' +
        'that change rarely go first, so Docker can reuse them from its cache when you rebuild.',
    },
  ],
  options: [
    {
      key: 'instructions',
      step: 'instructions',
      label: 'Instructions',
      help: 'Pick an instruction and write its value; CMD and ENTRYPOINT take a command line.',
      kind: 'instructions',
      examples: [
        DEFAULT_INSTRUCTIONS,
        [
          { keyword: 'FROM', value: 'alpine:3.20' },
          { keyword: 'RUN', value: 'apk add --no-cache curl' },
          { keyword: 'ARG', value: 'VERSION=1.0' },
          { keyword: 'LABEL', value: 'org.opencontainers.image.version=$VERSION' },
          { keyword: 'VOLUME', value: '/data' },
          { keyword: 'USER', value: 'nobody' },
          { keyword: 'ENTRYPOINT', value: 'curl --fail' },
        ],
      ],
    },
  ],
  write: writeCustom,
  ignore: () => [],
  cautions: () => [],
  check: checkCustom,
  suggestedStart: () => null,
  finalBaseImage: customFinalImage,
  defaults: { template: 'custom', instructions: DEFAULT_INSTRUCTIONS },
};
