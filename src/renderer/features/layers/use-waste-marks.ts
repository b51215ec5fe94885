import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { placeWasteMarks, type WasteMark } from '@shared/layers/waste-report';
import { historyQuery } from '../build/api/build-queries';
import { useWaste } from './layers-queries';

/**
 * Info marks for the editor: the lines of `path` whose last successful build wrote bytes a later
 * line deleted, and the lines that deleted them. Lines edited since that build get no mark.
 */
export function useWasteMarks(path: string, text: string): WasteMark[] {
  const history = useQuery(historyQuery);
  const build = history.data?.builds.find(
    (candidate) => candidate.status === 'succeeded' && candidate.imageId && candidate.dockerfilePath === path,
  );
  const waste = useWaste(build?.imageId ?? null);
  const status = waste.data;
  return useMemo(
    () => (status?.state === 'done' ? placeWasteMarks(status.report, text) : []),
    [status, text],
  );
}
