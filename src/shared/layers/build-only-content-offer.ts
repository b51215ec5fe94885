/**
 * The multi-stage Dockerfile offered beside a build-only report, and what trying it found: for a
 * build Dockwright ran, the wizard looks at the build's folder, and when the template it picks
 * writes a multi-stage Dockerfile (Go, Rust, .NET, Java, Node with a build script) that file is
 * offered as a diff against the one the image was built from; "Try it" builds it in the same
 * context, runs the wizard's Run & check on it, and compares sizes.
 */
import { formatSize } from '../format-size';
import { generateDockerfile } from '../wizard/generate-dockerfile';
import type { ProjectDetection } from '../wizard/project-detection';
import { describeRunCheck, planRunCheck, type RunCheckResult } from '../wizard/run-check';
import type { TemplateId } from '../wizard/wizard-answers';
import type { BuildOnlyReport } from './build-only-content';

/** A multi-stage Dockerfile for a recorded build, from the wizard's answers for its folder. */
export interface MultiStageOffer {
  buildId: string;
  contextDir: string;
  dockerfilePath: string;
  template: TemplateId;
  /** The stack as the wizard names it: `['Go', 'net/http']`. */
  stack: string[];
  /** The Dockerfile the image was built from. */
  currentText: string;
  proposedText: string;
  /** What "Try it" checks on the new image, in words: `a server answers on port 8080 within 30 s`. */
  checkText: string;
}

/** What `layers:build-only` answers. */
export interface BuildOnlyAnswer {
  report: BuildOnlyReport;
  offer: MultiStageOffer | null;
  /** Why no multi-stage Dockerfile is offered although the content is worth it; null otherwise. */
  offerNote: string | null;
}

/** The recorded build an image came from, as far as the offer needs it. */
export interface OfferBuild {
  buildId: string;
  contextDir: string;
  dockerfilePath: string;
  dockerfileText: string;
}

/** True when a Dockerfile has more than one stage. */
export function isMultiStage(text: string): boolean {
  return (text.match(/^\s*FROM\s/gim) ?? []).length > 1;
}

/**
 * The offer for a report: only when the content is worth a multi-stage build, the image was built
 * here, and the wizard's template for the folder writes more than one stage.
 */
export function multiStageOffer(
  report: BuildOnlyReport,
  build: OfferBuild | null,
  detection: ProjectDetection | null,
): Pick<BuildOnlyAnswer, 'offer' | 'offerNote'> {
  if (!report.worthSplitting) return { offer: null, offerNote: null };
  if (!build || !detection)
    return {
      offer: null,
      offerNote:
        'Dockwright did not build this image here, so it does not know its project folder: build it from its Dockerfile to be offered a multi-stage Dockerfile.',
    };
  const stack = detection.stack.length > 0 ? detection.stack.join(', ') : detection.template;
  if (detection.template === 'custom')
    return {
      offer: null,
      offerNote: `The wizard does not recognise the project in ${build.contextDir}, so there is no multi-stage Dockerfile to offer: move the build steps into a stage of their own and COPY --from it.`,
    };
  const proposedText = generateDockerfile(detection.answers);
  if (!isMultiStage(proposedText))
    return {
      offer: null,
      offerNote: `The wizard recognises ${stack} in ${build.contextDir}, but its Dockerfile for it has one stage (no build step to split off), so none is offered.`,
    };
  return {
    offer: {
      buildId: build.buildId,
      contextDir: build.contextDir,
      dockerfilePath: build.dockerfilePath,
      template: detection.template,
      stack: detection.stack,
      currentText: build.dockerfileText,
      proposedText,
      checkText: describeRunCheck(planRunCheck(detection.answers)),
    },
    offerNote: null,
  };
}

/** What "Try it" found. */
export interface MultiStageTrial {
  /** The recorded build's image and the multi-stage build's. */
  before: { imageId: string; bytes: number; buildOnlyBytes: number };
  after: { imageId: string; bytes: number; buildOnlyBytes: number; buildId: string };
  check: RunCheckResult;
  /** Whether the new image was kept (tagged) or removed after the comparison. */
  kept: boolean;
  /** One sentence: smaller by how much, and whether the app still starts. */
  summary: string;
}

export type MultiStageStep = 'prepare' | 'build' | 'check' | 'compare';

/** What `multi-stage:event` carries for one trial. */
export type MultiStageEvent =
  | { kind: 'step'; step: MultiStageStep; message: string; buildId: string | null }
  | { kind: 'done'; trial: MultiStageTrial }
  | { kind: 'failed'; message: string; buildId: string | null }
  | { kind: 'cancelled' };

/** `140MB → 12MB (−91%); the app still starts: Answered HTTP 200 at …`. */
export function trialSummary(beforeBytes: number, afterBytes: number, check: RunCheckResult): string {
  const change = beforeBytes > 0 ? Math.round(((afterBytes - beforeBytes) / beforeBytes) * 100) : 0;
  const size = `${formatSize(beforeBytes)} → ${formatSize(afterBytes)} (${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change)}%)`;
  return check.passed
    ? `${size}; the app still starts: ${check.summary}`
    : `${size}, but the new image did not pass the check: ${check.summary}`;
}
