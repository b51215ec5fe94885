import { useMutation, useQuery } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';

/** Query keys of the wizard. */
export const wizardKeys = {
  all: ['wizard'] as const,
  files: (dir: string) => [...wizardKeys.all, 'files', dir] as const,
};

/** Looks inside a project folder for what it is (package.json, go.mod…) and the answers that fit. */
export function useDetectProject() {
  return useMutation({ mutationFn: (dir: string) => invoke('wizard:detect', { dir }) });
}

/** The Dockerfile and .dockerignore already in `dir` (null where none), to show what writing replaces. */
export function useExistingFiles(dir: string) {
  return useQuery({ queryKey: wizardKeys.files(dir), queryFn: () => invoke('wizard:read-files', { dir }) });
}

/** Writes both files, refused when either changed since `expected` was read. */
export function useWriteFiles() {
  return useMutation({
    mutationFn: (input: {
      dir: string;
      dockerfile: string;
      dockerignore: string;
      expected: { dockerfile: string | null; dockerignore: string | null };
    }) => invoke('wizard:write-files', input),
  });
}
