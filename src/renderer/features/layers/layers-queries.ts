import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../app/invoke';

/** Query keys of the layers feature. */
export const layersKeys = {
  all: ['layers'] as const,
  details: (ref: string) => [...layersKeys.all, 'details', ref] as const,
  compare: (a: string, b: string) => [...layersKeys.all, 'compare', a, b] as const,
};

export function useLayers(ref: string | null) {
  return useQuery({
    queryKey: layersKeys.details(ref ?? ''),
    queryFn: () => invoke('layers:details', { ref: ref! }),
    enabled: !!ref,
  });
}

export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: layersKeys.compare(a ?? '', b ?? ''),
    queryFn: () => invoke('layers:compare', { a: a!, b: b! }),
    enabled: !!a && !!b,
  });
}
