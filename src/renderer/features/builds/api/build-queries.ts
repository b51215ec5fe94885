import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BuildSummary } from '@shared/builds/build-record';
import type { BuildRequest } from '@shared/builds/build-request';
import { invoke } from '../../../lib/invoke';

/** Query keys of the build feature and its history, general to specific. */
export const buildKeys = {
  all: ['builds'] as const,
  history: () => [...buildKeys.all, 'history'] as const,
  record: (id: string) => [...buildKeys.all, 'record', id] as const,
  lineSizes: (id: string) => [...buildKeys.all, 'line-sizes', id] as const,
  outline: (contextDir: string, dockerfile: string | null) =>
    [...buildKeys.all, 'outline', contextDir, dockerfile] as const,
  context: (contextDir: string, dockerfile: string | null) =>
    [...buildKeys.all, 'context', contextDir, dockerfile] as const,
};

export const historyQuery = queryOptions({
  queryKey: buildKeys.history(),
  queryFn: () => invoke('history:list', {}),
});

export function useBuildRecord(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: buildKeys.record(id ?? ''),
    queryFn: () => invoke('history:get', { id: id! }),
    enabled: enabled && id !== null,
  });
}

/** Stages and ARGs of the chosen Dockerfile (refreshed when the paths change). */
export function useDockerfileOutline(contextDir: string, dockerfile: string | null) {
  return useQuery({
    queryKey: buildKeys.outline(contextDir, dockerfile),
    queryFn: () => invoke('build:outline-dockerfile', { contextDir, dockerfile }),
    enabled: contextDir.startsWith('/') || /^[A-Za-z]:/.test(contextDir),
  });
}

/** Size and file count of what would be sent. */
export function useContextSummary(contextDir: string, dockerfile: string | null) {
  return useQuery({
    queryKey: buildKeys.context(contextDir, dockerfile),
    queryFn: () => invoke('build:summarize-context', { contextDir, dockerfile }),
    enabled: contextDir.startsWith('/') || /^[A-Za-z]:/.test(contextDir),
  });
}

export function useIgnorePaths(contextDir: string, dockerfile: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patterns: string[]) => invoke('build:ignore-paths', { contextDir, patterns }),
    onSuccess: (summary) => queryClient.setQueryData(buildKeys.context(contextDir, dockerfile), summary),
  });
}

export function useStartBuild() {
  return useMutation({ mutationFn: (request: BuildRequest) => invoke('build:start', request) });
}

/** "What will rebuild?": what the build of `request` would take from cache, against the last build of it. */
export function usePredictCache() {
  return useMutation({ mutationFn: (request: BuildRequest) => invoke('cache:predict', request) });
}

export function useCancelBuild() {
  return useMutation({ mutationFn: (id: string) => invoke('build:cancel', { id }) });
}

export function useDeleteBuild() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) => (id ? invoke('history:delete', { id }) : invoke('history:clear', {})),
    onSettled: () => queryClient.invalidateQueries({ queryKey: buildKeys.history() }),
  });
}

/** The last successful build of the same Dockerfile before `buildId`, to compare images with; null when none. */
export function findPreviousBuild(buildId: string) {
  return invoke('layers:previous-build', { buildId });
}

/** The layers of a build's image, for the comparison's size columns (an id always names the same image). */
export function useImageLayers(imageId: string | null) {
  return useQuery({
    queryKey: [...buildKeys.all, 'image-layers', imageId ?? ''],
    queryFn: () => invoke('layers:details', { ref: imageId! }),
    enabled: imageId !== null,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * The forecast for the editor's unsaved text, with the request of the file's last build
 * (secrets and SSH change no cache decision, and the history keeps only their ids).
 */
export function livePredictionQuery(path: string, basis: BuildSummary | null, dockerfileText: string) {
  return queryOptions({
    queryKey: [...buildKeys.all, 'live-prediction', path, basis?.id ?? '', dockerfileText],
    enabled: basis !== null,
    queryFn: () =>
      invoke('cache:predict', {
        contextDir: basis!.request.contextDir,
        tags: basis!.request.tags,
        buildArgs: basis!.request.buildArgs,
        target: basis!.request.target,
        noCache: basis!.request.noCache,
        pull: basis!.request.pull,
        platform: basis!.request.platform,
        labels: basis!.request.labels,
        dockerfile: path,
        builder: basis!.builder,
        dockerfileText,
      }),
    // The context changes outside the app too: a forecast older than this is asked again.
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });
}

/** Starts the debug build of a recorded build, cut before (or after) the step at `line`. */
export function useStartDebugBuild() {
  return useMutation({
    mutationFn: (request: { buildId: string; line: number; at: 'before' | 'after' }) =>
      invoke('debug:start', request),
  });
}

/** A debug build's record, asked again until it has ended. */
export function useDebugBuildRecord(id: string | null) {
  return useQuery({
    queryKey: buildKeys.record(id ?? ''),
    queryFn: () => invoke('history:get', { id: id! }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 400),
  });
}

/** Starts the debug image's shell container, for the terminal to attach to. */
export function openDebugShell(request: {
  image: string;
  pending: string | null;
  pendingCommand: string | null;
}) {
  return invoke('debug:shell', request);
}

/** Removes a debug image (by its tag) once the user says so. */
export function removeDebugImage(image: string) {
  return invoke('images:remove', { ref: image, force: false });
}

/** Writes an ended build's whole raw log, from its saved record, to `path`. */
export function saveBuildLog(id: string, path: string): Promise<{ bytes: number }> {
  return invoke('history:save-log', { id, path });
}

/** Bytes each Dockerfile line of a build added to its image (null when the image is gone). */
export function useLineSizes(id: string | null) {
  return useQuery({
    queryKey: buildKeys.lineSizes(id ?? ''),
    queryFn: () => invoke('history:line-sizes', { id: id! }),
    enabled: id !== null,
    retry: false,
  });
}
