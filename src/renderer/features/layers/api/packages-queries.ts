import { useQuery } from '@tanstack/react-query';
import type { SbomFormat } from '@shared/packages/sbom-input';
import { invoke } from '../../../lib/invoke';

/** Query keys of the Packages view (part of the layers feature). */
export const packagesKeys = {
  all: ['layers', 'packages'] as const,
  list: (ref: string) => [...packagesKeys.all, 'list', ref] as const,
  compare: (a: string, b: string) => [...packagesKeys.all, 'compare', a, b] as const,
};

const isImageId = (ref: string): boolean => /^sha256:[0-9a-f]{64}$/.test(ref);

/** The installed packages of `ref` (a whole pass over the image when it was not read before). */
export function usePackages(ref: string | null) {
  return useQuery({
    queryKey: packagesKeys.list(ref ?? ''),
    queryFn: () => invoke('packages:list', { ref: ref! }),
    enabled: !!ref,
    staleTime: ref && isImageId(ref) ? Infinity : undefined,
  });
}

/** Image a's packages against image b's. */
export function usePackageComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: packagesKeys.compare(a ?? '', b ?? ''),
    queryFn: () => invoke('packages:compare', { a: a!, b: b! }),
    enabled: !!a && !!b && a !== b,
    staleTime: a && b && isImageId(a) && isImageId(b) ? Infinity : undefined,
  });
}

/** Writes the SBOM of `ref` to `path`. */
export function exportSbom(ref: string, format: SbomFormat, path: string) {
  return invoke('packages:export', { ref, format, path });
}
