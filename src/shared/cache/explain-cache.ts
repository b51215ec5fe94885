/**
 * Why each step of a build ran or came from cache, and what the next build will rebuild.
 *
 * Both follow the builders' rule: the cache is a chain per stage. A step comes from cache only if
 * the step before it did (for a FROM <stage>, that stage's last step; for COPY --from or a RUN
 * mount, also the stage it reads) and its own key is unchanged. So each step is asked, in order:
 * was the cache off, is there anything to compare with, did the engine use its cache, did its own
 * inputs change (`stepCacheReason`), did a step it depends on run (a cascade, named after the
 * first step that ran for a reason of its own), and otherwise the engine simply had no cache.
 */
import { analyzeDockerfile, type DockerfileAnalysis } from '../dockerfile/analyze-dockerfile';
import type {
  BuildCacheExplanation,
  BuildCacheInputs,
  CachePrediction,
  CacheReason,
  PredictionCheck,
  StepCacheExplanation,
  StepInputs,
} from './cache-model';
import { matchCacheSteps } from './match-cache-steps';
import { reorderAdvice } from './reorder-advice';
import { stepCacheReason } from './step-cache-reason';

/** A build of the same Dockerfile and context from history, to compare with. */
export interface PreviousBuild {
  id: string;
  startedAt: number;
  inputs: BuildCacheInputs;
  /** Run time of each step of that build by Dockerfile line (for "41 s saved"). */
  stepDurationsMs: Record<number, number>;
}

/** Why each step of a finished build ran or came from cache. */
export function explainBuildCache(input: {
  previous: PreviousBuild | null;
  current: BuildCacheInputs;
  /** What the engine did, per Dockerfile line of an instruction step. */
  outcome: Record<number, { cached: boolean; instruction: string }>;
  dockerfileText: string;
}): BuildCacheExplanation {
  const chain = settleChain(input.previous, input.current, input.dockerfileText, input.outcome);
  const listed = chain.nodes.filter((node) => node.engine !== null);
  const steps = listed.map((node) => chain.explain(node));
  const { previous } = input;
  let savedMs: number | null = null;
  if (previous) {
    savedMs = 0;
    for (const node of listed) {
      if (node.engine?.cached && node.previous) savedMs += previous.stepDurationsMs[node.previous.line] ?? 0;
    }
  }
  return {
    previousBuildId: previous?.id ?? null,
    previousStartedAt: previous?.startedAt ?? null,
    steps,
    summary: { steps: steps.length, cached: steps.filter((step) => step.cached).length, savedMs },
    predictionCheck: checkPrediction(predictBuildCache(input), steps),
  };
}

/** The forecast against the explained steps, for the steps both name. */
function checkPrediction(
  prediction: CachePrediction,
  steps: readonly StepCacheExplanation[],
): PredictionCheck {
  const forecast = new Map(prediction.steps.map((step) => [step.line, step.cached]));
  const misses: PredictionCheck['misses'] = [];
  let compared = 0;
  for (const step of steps) {
    const predictedCached = forecast.get(step.line);
    if (predictedCached === undefined) continue;
    compared += 1;
    if (predictedCached !== step.cached)
      misses.push({ line: step.line, instruction: step.instruction, predictedCached, cached: step.cached });
  }
  return { compared, matched: compared - misses.length, misses };
}

/** What the next build will do, from the last build's inputs and the inputs as they are now. */
export function predictBuildCache(input: {
  previous: PreviousBuild | null;
  current: BuildCacheInputs;
  dockerfileText: string;
}): CachePrediction {
  const chain = settleChain(input.previous, input.current, input.dockerfileText, null);
  return {
    previousBuildId: input.previous?.id ?? null,
    steps: chain.nodes.map((node) => chain.explain(node)),
  };
}

/** One step in the chain: its inputs now and in the build before, and what the engine did. */
interface ChainNode {
  line: number;
  stage: number;
  /** Null for a step the engine reported that Dockwright recorded no inputs for. */
  step: StepInputs | null;
  previous: StepInputs | null;
  instruction: string;
  /** Null: not reported by the engine (a prediction, or BuildKit's metadata-only ENV/ARG/LABEL…). */
  engine: { cached: boolean } | null;
}

interface Verdict {
  ran: boolean;
  reason: CacheReason;
  /** For a step that ran: the first step that ran for a reason of its own (itself, or the cascade's start). */
  root: ChainNode | null;
}

/** The instructions BuildKit's --no-cache makes run. */
const NO_CACHE_APPLIES: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD']);

function settleChain(
  previous: PreviousBuild | null,
  current: BuildCacheInputs,
  dockerfileText: string,
  outcome: Record<number, { cached: boolean; instruction: string }> | null,
): { nodes: ChainNode[]; explain: (node: ChainNode) => StepCacheExplanation } {
  const analysis = analyzeDockerfile(dockerfileText);
  const matches = matchCacheSteps(previous?.inputs.steps ?? [], current.steps);
  const nodes: ChainNode[] = current.steps.map((step) => ({
    line: step.line,
    stage: step.stage,
    step,
    previous: matches.get(step.line) ?? null,
    instruction: outcome?.[step.line]?.instruction ?? step.resolvedText,
    engine: outcome?.[step.line] ? { cached: outcome[step.line]!.cached } : null,
  }));
  for (const [key, reported] of Object.entries(outcome ?? {})) {
    const line = Number(key);
    if (nodes.some((node) => node.line === line)) continue;
    const stage = analysis.instructions.find((instruction) => instruction.line === line)?.stageIndex ?? 0;
    nodes.push({
      line,
      stage,
      step: null,
      previous: null,
      instruction: reported.instruction,
      engine: reported,
    });
  }
  nodes.sort((a, b) => a.line - b.line);

  const dependencies = dependencyGraph(nodes, analysis);
  const verdicts = new Map<ChainNode, Verdict>();
  const settling = new Set<ChainNode>();

  const settle = (node: ChainNode): Verdict => {
    const known = verdicts.get(node);
    if (known) return known;
    // A stage that reads itself back (a cycle) cannot come from the builders; end it harmlessly.
    if (settling.has(node)) return { ran: false, reason: { kind: 'cached' }, root: null };
    settling.add(node);
    let cascadeRoot: ChainNode | null = null;
    for (const dependency of dependencies.get(node) ?? []) {
      const verdict = settle(dependency);
      if (verdict.ran && verdict.root && (!cascadeRoot || verdict.root.line < cascadeRoot.line)) {
        cascadeRoot = verdict.root;
      }
    }
    const verdict = judge(node, cascadeRoot);
    settling.delete(node);
    verdicts.set(node, verdict);
    return verdict;
  };

  const judge = (node: ChainNode, cascadeRoot: ChainNode | null): Verdict => {
    const ranByEngine = node.engine ? !node.engine.cached : true;
    const self = (reason: CacheReason): Verdict => ({
      ran: ranByEngine,
      reason,
      root: ranByEngine ? node : null,
    });
    // BuildKit's --no-cache is a flag on RUN, COPY and ADD only: FROM is resolved as ever and a
    // WORKDIR (a mkdir) or a metadata instruction stays cached while its inputs do (measured on
    // BuildKit 0.8 and 0.13: `WORKDIR /app` after FROM is CACHED under --no-cache). The classic
    // builder commits every instruction anew.
    if (current.noCache && (current.builder === 'classic' || NO_CACHE_APPLIES.has(node.step?.keyword ?? '')))
      return self({ kind: 'no-cache' });
    if (!previous) return self({ kind: 'first-build' });
    if (node.engine?.cached) return { ran: false, reason: { kind: 'cached' }, root: null };
    const own = node.step
      ? stepCacheReason(
          { step: node.previous, inputs: previous.inputs },
          { step: node.step, inputs: current },
        )
      : null;
    if (own) return { ran: true, reason: own, root: node };
    if (cascadeRoot) {
      const advice = adviceFor(node, cascadeRoot);
      const rootReason = verdicts.get(cascadeRoot)?.reason;
      const reason: CacheReason = {
        kind: 'cascade',
        fromLine: cascadeRoot.line,
        fromInstruction: cascadeRoot.instruction,
        advice,
        ...(rootReason?.kind === 'base-image-changed'
          ? { baseImage: { image: rootReason.image, before: rootReason.before, after: rootReason.after } }
          : {}),
      };
      return { ran: true, reason, root: cascadeRoot };
    }
    if (node.engine) return { ran: true, reason: { kind: 'engine-had-no-cache' }, root: node };
    return { ran: false, reason: { kind: 'cached' }, root: null };
  };

  const adviceFor = (node: ChainNode, root: ChainNode): ReturnType<typeof reorderAdvice> => {
    if (!previous || node.step?.keyword !== 'RUN' || root.step?.keyword !== 'COPY') return null;
    if (root.stage !== node.stage || !root.previous) return null;
    if (verdicts.get(root)?.reason.kind !== 'files-changed') return null;
    return reorderAdvice({
      dockerfileText,
      analysis,
      broadCopyLine: root.line,
      installLine: node.line,
      currentFiles: current.files[root.line],
      previousFiles: previous.inputs.files[root.previous.line],
    });
  };

  const explain = (node: ChainNode): StepCacheExplanation => {
    const verdict = settle(node);
    return {
      line: node.line,
      stage: node.stage,
      instruction: node.instruction,
      cached: !verdict.ran,
      reason: verdict.reason,
    };
  };
  return { nodes, explain };
}

/**
 * The steps each step's cache key depends on: the step before it in its stage (a stage's first
 * step: the last step of the stage it starts FROM), and the last step of a stage it copies or
 * mounts from.
 */
function dependencyGraph(nodes: ChainNode[], analysis: DockerfileAnalysis): Map<ChainNode, ChainNode[]> {
  const stages = new Map<number, ChainNode[]>();
  for (const node of nodes) {
    const list = stages.get(node.stage) ?? [];
    list.push(node);
    stages.set(node.stage, list);
  }
  const lastOf = (stage: number | null): ChainNode | undefined =>
    stage === null ? undefined : stages.get(stage)?.at(-1);
  const graph = new Map<ChainNode, ChainNode[]>();
  for (const [stage, list] of stages) {
    list.forEach((node, index) => {
      const dependencies: ChainNode[] = [];
      const before =
        index > 0 ? list[index - 1] : lastOf(node.step?.fromStage ?? baseStageOf(stage, analysis));
      if (before) dependencies.push(before);
      const source =
        index > 0 && node.step?.fromStage !== stage ? lastOf(node.step?.fromStage ?? null) : undefined;
      if (source && source !== before) dependencies.push(source);
      graph.set(node, dependencies);
    });
  }
  return graph;
}

/** The stage a stage starts FROM, when its FROM names an earlier stage rather than an image. */
function baseStageOf(stage: number, analysis: DockerfileAnalysis): number | null {
  const from = analysis.stages[stage];
  if (!from) return null;
  const wanted = from.baseImage.toLowerCase();
  const base = analysis.stages.slice(0, stage).find((other) => other.name?.toLowerCase() === wanted);
  return base ? base.index : null;
}
