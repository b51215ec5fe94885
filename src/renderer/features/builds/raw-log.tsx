import { logText, type LogLines } from '@shared/operations/log-lines';
import { LogPanel } from '../../components/log-panel';
import { DEFAULT_SHOWN_LINES, logSource } from '../../components/log-source';

/**
 * A build's raw log: virtualised and searchable (see LogPanel), its unfinished last line shown
 * as it arrives. Past `limit` lines the middle is folded in the view; copying takes all of it.
 */
export function RawLog({
  log,
  limit = DEFAULT_SHOWN_LINES,
  onSave,
}: {
  log: LogLines;
  limit?: number;
  /** Saves the whole log to a file (the saved record's copy on disk). */
  onSave?: () => void;
}) {
  return (
    <LogPanel
      source={logSource(log)}
      limit={limit}
      gutter="number"
      className="raw-log"
      linesClassName="raw-log-lines"
      testId="raw-log"
      copyText={() => logText(log)}
      onSave={onSave}
      foldNote={(folded) =>
        `… ${folded.toLocaleString()} lines folded — the full log is in the saved record; ${onSave ? 'Copy log / Save log… give' : 'Copy log gives'} all of it`
      }
    />
  );
}
