/**
 * Terminal sessions (issue #18): each is one engine stream (exec or attach) owned by the page
 * that opened it. Output goes to that page only, as base64 of the raw bytes, under flow control
 * (see output-gate.ts); input, resizes and acks are taken from that page only; a session ends
 * when its process ends, when the page closes it, and when the page goes away.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import type { TerminalEvent, TerminalSession } from '../../shared/terminal';
import type { EngineConnection } from '../engine/engine-connection';
import { withEngine } from '../engine/with-engine';
import type { RequestPage } from '../request-page';
import { attachTerminal, execTerminal, type EngineTerminal, type ExecRequest } from './engine-terminal';
import { createOutputGate, type OutputGate } from './output-gate';

/** More sessions than this on one page is a runaway page, not a user. */
export const MAX_SESSIONS_PER_PAGE = 32;
/** Input the process has not read yet beyond this is refused rather than held. */
export const MAX_PENDING_INPUT_BYTES = 1024 * 1024;

export interface TerminalSessions {
  open(page: RequestPage, request: ExecRequest): Promise<Result<TerminalSession>>;
  attach(
    page: RequestPage,
    containerId: string,
    cols: number,
    rows: number,
  ): Promise<Result<TerminalSession>>;
  input(page: RequestPage, sessionId: string, data: string): Result<null>;
  resize(page: RequestPage, sessionId: string, cols: number, rows: number): Promise<Result<null>>;
  ack(page: RequestPage, sessionId: string, bytes: number): Result<null>;
  close(page: RequestPage, sessionId: string): Result<null>;
  /** Sessions open now. */
  count(): number;
  /** The most output bytes any session ever had sent and not acknowledged (held to the bound by tests). */
  peakOutstanding(): number;
  dispose(): void;
}

interface Session {
  id: string;
  page: RequestPage;
  engine: EngineTerminal;
  gate: OutputGate;
  /** Set when the page or main ended the session: no `exited` event is owed then. */
  closing: boolean;
}

const GONE = 'That terminal session has ended.';

export interface TerminalSessionsDeps {
  connection: EngineConnection;
  /** How streams are opened on the engine (unit tests pass fakes). */
  engine?: { exec: typeof execTerminal; attach: typeof attachTerminal };
}

export function createTerminalSessions(deps: TerminalSessionsDeps): TerminalSessions {
  const engineTerminals = deps.engine ?? { exec: execTerminal, attach: attachTerminal };
  const sessions = new Map<string, Session>();
  /** Pages whose going away is already being listened for. */
  const watchedPages = new Set<string>();
  let peak = 0;

  const emit = (session: Session, event: TerminalEvent): void =>
    session.page.emit('terminal:event', { sessionId: session.id, event });

  /** The page's own session; another page's id is answered as if it did not exist. */
  const owned = (page: RequestPage, sessionId: string): Session | null => {
    const session = sessions.get(sessionId);
    return session && session.page.id === page.id ? session : null;
  };

  const end = (session: Session): void => {
    session.closing = true;
    sessions.delete(session.id);
    session.engine.stream.destroy();
    void session.engine.hangUp().catch(() => undefined);
  };

  const watchPage = (page: RequestPage): void => {
    if (watchedPages.has(page.id)) return;
    watchedPages.add(page.id);
    page.onGone(() => {
      watchedPages.delete(page.id);
      for (const session of [...sessions.values()]) if (session.page.id === page.id) end(session);
    });
  };

  const begin = (page: RequestPage, engine: EngineTerminal): TerminalSession => {
    const session: Session = { id: randomUUID(), page, engine, gate: createOutputGate(), closing: false };
    sessions.set(session.id, session);
    watchPage(page);
    const { stream } = engine;
    stream.on('data', (chunk: Buffer) => {
      if (session.closing) return;
      emit(session, { kind: 'output', data: chunk.toString('base64'), bytes: chunk.length });
      if (session.gate.sent(chunk.length)) stream.pause();
      peak = Math.max(peak, session.gate.peak);
    });
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (session.closing) return;
      sessions.delete(session.id);
      void engine.ended().then(
        ({ exitCode, message }) => emit(session, { kind: 'exited', exitCode, message }),
        () => emit(session, { kind: 'exited', exitCode: null, message: 'The terminal has ended.' }),
      );
    };
    stream.on('end', finish);
    stream.on('close', finish);
    // A broken connection ends the session like any other end; the page is told.
    stream.on('error', finish);
    return { sessionId: session.id, command: engine.command };
  };

  const start = async (
    page: RequestPage,
    connect: (docker: Docker) => Promise<Result<EngineTerminal>>,
  ): Promise<Result<TerminalSession>> => {
    let mine = 0;
    for (const session of sessions.values()) if (session.page.id === page.id) mine++;
    if (mine >= MAX_SESSIONS_PER_PAGE)
      return fail('CONFLICT', `${MAX_SESSIONS_PER_PAGE} terminals are open already: close one first.`);
    return withEngine(deps.connection, async (docker) => {
      const engine = await connect(docker);
      return engine.ok ? ok(begin(page, engine.value)) : engine;
    });
  };

  return {
    open: (page, request) => start(page, (docker) => engineTerminals.exec(docker, request)),
    attach: (page, containerId, cols, rows) =>
      start(page, (docker) => engineTerminals.attach(docker, containerId, cols, rows)),
    input: (page, sessionId, data) => {
      const session = owned(page, sessionId);
      if (!session) return fail('NOT_FOUND', GONE);
      if (session.engine.stream.writableLength > MAX_PENDING_INPUT_BYTES)
        return fail(
          'CONFLICT',
          'The program in this terminal is not reading its input; wait, or press Ctrl-C.',
        );
      session.engine.stream.write(Buffer.from(data, 'utf8'));
      return ok(null);
    },
    resize: async (page, sessionId, cols, rows) => {
      const session = owned(page, sessionId);
      if (!session) return fail('NOT_FOUND', GONE);
      // A process that exits while the resize travels is not the user's problem.
      await session.engine.resize(cols, rows).catch(() => undefined);
      return ok(null);
    },
    ack: (page, sessionId, bytes) => {
      const session = owned(page, sessionId);
      if (!session) return fail('NOT_FOUND', GONE);
      if (session.gate.acked(bytes)) session.engine.stream.resume();
      return ok(null);
    },
    close: (page, sessionId) => {
      const session = owned(page, sessionId);
      if (!session) return fail('NOT_FOUND', GONE);
      end(session);
      return ok(null);
    },
    count: () => sessions.size,
    peakOutstanding: () => peak,
    dispose: () => {
      for (const session of [...sessions.values()]) end(session);
    },
  };
}
