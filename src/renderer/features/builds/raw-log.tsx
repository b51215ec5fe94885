import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import { logText, type LogLines } from '@shared/operations/log-lines';
import { errorMessage } from '../../lib/invoke';
import { LogPanel } from '../../components/log-panel';
import { logSource } from '../../components/log-source';
import { useShownLines } from '../../components/use-shown-lines';
import { inFolder, usePickPath } from '../../components/use-pick-path';
import { saveBuildLog } from './api/build-queries';

/**
 * A build's raw log: virtualised and searchable (see LogPanel), its unfinished last line shown
 * as it arrives. Past the lines the user chose to show the middle is folded in the view; Copy log takes all of it
 * from memory, Save log… (once the build has ended) writes all of it from the saved record.
 */
export function RawLog({
  log,
  saved,
}: {
  log: LogLines;
  /** The ended build whose saved record holds this log, and the folder to offer for saving it. */
  saved?: { buildId: string; folder: string } | null;
}) {
  const { pick, picker } = usePickPath();
  const { shownLines, setShownLines } = useShownLines();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const save = saved
    ? async (): Promise<void> => {
        const name = `build-${saved.buildId.slice(0, 12)}.log`;
        const path = await pick({
          kind: 'save',
          title: 'Save the build log as',
          defaultPath: inFolder(saved.folder, name),
          // The page cannot name a new file on the server: pick the folder, keep the file name.
          inPage: {
            kind: 'folder',
            title: 'Choose the folder to save the log into',
            startPath: saved.folder,
            toPath: (folder) => inFolder(folder, name),
          },
        });
        if (!path) return;
        await saveBuildLog(saved.buildId, path).then(
          ({ bytes }) =>
            setOutcome({ ok: true, text: `Saved the whole log (${formatSize(bytes)}) to ${path}.` }),
          (error: unknown) =>
            setOutcome({ ok: false, text: errorMessage(error) ?? 'The log could not be saved.' }),
        );
      }
    : undefined;

  return (
    <>
      <LogPanel
        source={logSource(log)}
        limit={shownLines}
        onLimitChange={setShownLines}
        gutter="number"
        className="raw-log"
        linesClassName="raw-log-lines"
        testId="raw-log"
        copyText={() => logText(log)}
        onSave={save ? () => void save() : undefined}
        foldNote={(folded) =>
          `… ${folded.toLocaleString()} lines folded — the full log is in the saved record; ${save ? 'Copy log / Save log… give' : 'Copy log gives'} all of it`
        }
      />
      {outcome ? (
        <p
          className={outcome.ok ? 'muted' : 'error-text'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="log-saved"
        >
          {outcome.text}
        </p>
      ) : null}
      {picker}
    </>
  );
}
