import { readFile } from 'node:fs/promises';
import type { ContextSummary, DockerfileOutline } from '../../shared/build/build-record';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import { ContextError, planContext } from './pack-context';
import { join } from 'node:path';

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
  };
}

/** The Dockerfile's text, stages (for the target field) and ARGs (offered as build args). */
export async function outlineDockerfile(
  contextDir: string,
  dockerfile: string | null,
): Promise<DockerfileOutline> {
  const path = dockerfile ?? join(contextDir, 'Dockerfile');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContextError(
      'DOCKERFILE_NOT_FOUND',
      path,
      code === 'ENOENT'
        ? `There is no Dockerfile at ${path}.`
        : `The Dockerfile ${path} cannot be read: ${(error as Error).message}`,
    );
  }
  const analysis = analyzeDockerfile(text);
  return {
    path,
    text,
    stages: analysis.stages.map(({ index, name, line, baseImage }) => ({ index, name, line, baseImage })),
    args: analysis.args.map(({ name, defaultValue, line }) => ({ name, defaultValue, line })),
  };
}
