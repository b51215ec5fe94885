import type { ContextSummary, DockerfileOutline } from '../../shared/builds/build-record';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import { ContextError, planContext } from '../context/pack-context';
import { defaultDockerfile } from '../fs/check-build-files';
import { readDockerfile } from '../fs/user-dockerfile';

/** What the build form shows about a context before anything is sent. */
export async function summarizeContext(
  contextDir: string,
  dockerfile: string | null,
  signal?: AbortSignal,
): Promise<ContextSummary> {
  const plan = await planContext(contextDir, dockerfile, signal ? { signal } : {});
  return {
    contextDir: plan.contextDir,
    dockerfilePath: plan.dockerfilePath,
    dockerfileOutside: plan.dockerfileAdded,
    fileCount: plan.fileCount,
    totalBytes: plan.totalBytes,
    hasDockerignore: plan.hasDockerignore,
    biggestFolders: plan.biggestFolders,
    notes: plan.notes,
  };
}

/**
 * The Dockerfile's text, stages (for the target field) and ARGs (offered as build args). Only a
 * Dockerfile passes (see readDockerfile): this text goes back to the renderer.
 */
export async function outlineDockerfile(
  contextDir: string,
  dockerfile: string | null,
): Promise<DockerfileOutline> {
  const path = dockerfile ?? (await defaultDockerfile(contextDir));
  const read = await readDockerfile(path, dockerfile === null ? contextDir : undefined);
  if (!read.ok) {
    throw new ContextError(
      'DOCKERFILE_NOT_FOUND',
      path,
      read.problem.code === 'MISSING' ? `There is no Dockerfile at ${path}.` : read.problem.message,
    );
  }
  const text = read.value.text;
  const analysis = analyzeDockerfile(text);
  return {
    path,
    text,
    stages: analysis.stages.map(({ index, name, line, baseImage }) => ({ index, name, line, baseImage })),
    args: analysis.args.map(({ name, defaultValue, line }) => ({ name, defaultValue, line })),
  };
}
