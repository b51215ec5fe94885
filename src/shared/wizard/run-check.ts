/**
 * "Run & check" (issue #19): after the wizard wrote the files, the image is built, started, and
 * checked the way its kind of program proves it works — a server answers on its port, a script
 * exits 0, anything else stays up for a few seconds.
 */
import { generateDockerfile } from './generate-dockerfile';
import type { WizardAnswers } from './wizard-answers';

/** How long a server may take to answer, and a script to end, before the check fails. */
export const RUN_CHECK_LIMITS = { answerSeconds: 30, exitSeconds: 60, staySeconds: 5 } as const;

/** What proves the container works. */
export type RunCheckPlan =
  /** A server: an HTTP answer on the port (any status), or for other protocols a TCP listener there. */
  | { kind: 'port'; port: number; seconds: number }
  /** A script or a one-off command: it ends with exit code 0. */
  | { kind: 'exits'; seconds: number }
  /** A long-running process without a port: still running after `seconds`. */
  | { kind: 'stays-up'; seconds: number };

/** What `wizard:run-check` reports. */
export interface RunCheckResult {
  passed: boolean;
  /** One sentence: what was checked and what happened ("Answered HTTP 200 at http://localhost:8000/"). */
  summary: string;
  containerId: string;
  containerName: string;
  /** Whether the container is still there (a server that passed keeps running, like `docker run -d`). */
  kept: boolean;
  /** Where the server answered, on this machine; null for other checks. */
  url: string | null;
  exitCode: number | null;
  /** The container's output, its last lines. */
  log: string;
  /** True when the container was stopped or removed by someone else before the check ended. */
  stopped: boolean;
}

/** Templates whose image runs a command and ends: a script, or a shell in a plain OS image. */
const ENDING_TEMPLATES = new Set<string>(['script', 'os']);

/** The check that fits what the answers generate: the first EXPOSEd port, a script's exit, or staying up. */
export function planRunCheck(answers: WizardAnswers): RunCheckPlan {
  if (ENDING_TEMPLATES.has(answers.template)) return { kind: 'exits', seconds: RUN_CHECK_LIMITS.exitSeconds };
  const exposed = /^EXPOSE\s+(\d+)/m.exec(generateDockerfile(answers))?.[1];
  if (exposed) return { kind: 'port', port: Number(exposed), seconds: RUN_CHECK_LIMITS.answerSeconds };
  return { kind: 'stays-up', seconds: RUN_CHECK_LIMITS.staySeconds };
}

/** The plan in words, for the button's neighbourhood: what "passed" will mean. */
export function describeRunCheck(plan: RunCheckPlan): string {
  switch (plan.kind) {
    case 'port':
      return `a server answers on port ${plan.port} within ${plan.seconds} s`;
    case 'exits':
      return `it ends with exit code 0 within ${plan.seconds} s`;
    case 'stays-up':
      return `it is still running after ${plan.seconds} s`;
  }
}
