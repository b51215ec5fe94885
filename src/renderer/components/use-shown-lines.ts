import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_SHOWN_LINES, type LogViewSettings } from '@shared/log-view-settings';
import { useHost } from '../lib/host';

/**
 * Lines every log view shows before folding its middle, as the user last picked it (the default
 * until the settings have been read), and a way to pick another number.
 */
export function useShownLines(): { shownLines: number; setShownLines(lines: number): void } {
  const host = useHost();
  const queryClient = useQueryClient();
  const settings = useQuery(host.logViewQuery);
  const save = useMutation({
    mutationFn: (shownLines: number) => host.setLogView({ shownLines }),
    // Shown at once in every open log; what main kept replaces it when it answers.
    onMutate: (shownLines) =>
      queryClient.setQueryData<LogViewSettings>(host.logViewQuery.queryKey, { shownLines }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: host.logViewQuery.queryKey }),
  });
  return {
    shownLines: settings.data?.shownLines ?? DEFAULT_SHOWN_LINES,
    setShownLines: (lines) => save.mutate(lines),
  };
}
