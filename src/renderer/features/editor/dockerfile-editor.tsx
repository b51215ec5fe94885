import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorView, keymap, tooltips } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { BuildWarning } from '@shared/builds/build-model';
import { applyFix } from '@shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '@shared/dockerfile/lint/lint-dockerfile';
import { cacheGutter, showCacheLines, type LinePrediction } from './cache-gutter';
import { costGutter, showLineCosts, type LineCost } from './cost-gutter';
import { showLineWaste, wasteGutter, type LineWaste } from './waste-gutter';

const NO_LINES: readonly LinePrediction[] = [];
const NO_COSTS: readonly LineCost[] = [];
const NO_WASTE: readonly LineWaste[] = [];

const SEVERITY = { error: 'error', warning: 'warning', info: 'info' } as const;

/**
 * Lint notes open next to their mark, inside the editor's column. Without a width limit a long
 * note was as wide as the window, so CodeMirror slid it to the window's left edge, over the sidebar.
 */
const tooltipPlacement = [
  tooltips({
    tooltipSpace: (view) => {
      const column = view.dom.getBoundingClientRect();
      return { left: column.left, right: window.innerWidth, top: 0, bottom: window.innerHeight };
    },
  }),
  EditorView.theme({
    '.cm-tooltip': { maxWidth: 'min(40rem, calc(100vw - 16rem))' },
    '.cm-tooltip .cm-diagnostic': { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  }),
];

/** Our lint rules and the last build's BuildKit warnings, as CodeMirror diagnostics with quick fixes. */
function dockerfileDiagnostics(
  view: EditorView,
  buildWarnings: readonly BuildWarning[],
  notes: readonly { line: number; message: string }[],
): Diagnostic[] {
  const text = view.state.doc.toString();
  const lineRange = (line: number, endLine = line) => {
    const first = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
    const last = view.state.doc.line(Math.min(Math.max(endLine, line), view.state.doc.lines));
    return { from: first.from, to: Math.max(last.to, first.from) };
  };
  const ours = lintDockerfile(text).map((diagnostic): Diagnostic => {
    const fix = diagnostic.fix;
    return {
      ...lineRange(diagnostic.line, diagnostic.endLine),
      severity: SEVERITY[diagnostic.severity],
      source: diagnostic.ruleId,
      message: `${diagnostic.message} — ${diagnostic.why}`,
      actions: fix
        ? [
            {
              name: fix.title,
              apply: (target) => {
                const current = target.state.doc.toString();
                target.dispatch({ changes: { from: 0, to: current.length, insert: applyFix(current, fix) } });
              },
            },
          ]
        : [],
    };
  });
  const fromBuild = buildWarnings
    .filter((warning) => warning.line !== null)
    .map((warning): Diagnostic => ({
      ...lineRange(warning.line!),
      severity: 'warning',
      source: 'BuildKit',
      message: warning.message,
    }));
  const fromLayers = notes.map((note): Diagnostic => ({
    ...lineRange(note.line),
    severity: 'info',
    source: 'Wasted space',
    message: note.message,
  }));
  return [...ours, ...fromBuild, ...fromLayers];
}

/**
 * CodeMirror 6 with Dockerfile highlighting, lint marks with hover text and quick fixes; Ctrl/Cmd-S
 * saves. The document is owned by CodeMirror; `text` replaces it only when it changes from outside
 * (a reload), so typing never fights React.
 */
export function DockerfileEditor({
  text,
  buildWarnings,
  notes = [],
  cacheLines = NO_LINES,
  lineCosts = NO_COSTS,
  lineWaste = NO_WASTE,
  onChange,
  onSave,
}: {
  text: string;
  buildWarnings: readonly BuildWarning[];
  /** Info marks from outside the linter (wasted space found in the last build's image). */
  notes?: readonly { line: number; message: string }[];
  /** The next build's forecast per line, for the cache gutter (empty: no gutter marks). */
  cacheLines?: readonly LinePrediction[];
  /** What each line cost in the file's last build, for the cost gutter (empty: no marks). */
  lineCosts?: readonly LineCost[];
  /** The last build's wasted bytes on the lines that wrote and deleted them, for the waste gutter. */
  lineWaste?: readonly LineWaste[];
  onChange(text: string): void;
  onSave(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSave, buildWarnings, notes });
  useEffect(() => {
    callbacks.current = { onChange, onSave, buildWarnings, notes };
  });
  // Marks that arrive after the text (a background analysis) need a lint pass of their own.
  const notesKey = notes.map((note) => `${note.line}:${note.message}`).join('\n');
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [notesKey]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (callbacks.current.onSave(), true) }]),
          basicSetup,
          tooltipPlacement,
          StreamLanguage.define(dockerFile),
          costGutter,
          cacheGutter,
          wasteGutter,
          lintGutter(),
          linter(
            (target) =>
              dockerfileDiagnostics(target, callbacks.current.buildWarnings, callbacks.current.notes),
            { delay: 300 },
          ),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; later `text` values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // After the editor exists (effects run in order), and again for each new forecast.
  useEffect(() => {
    if (view.current) showCacheLines(view.current, cacheLines);
  }, [cacheLines]);
  useEffect(() => {
    if (view.current) showLineCosts(view.current, lineCosts);
  }, [lineCosts]);
  useEffect(() => {
    if (view.current) showLineWaste(view.current, lineWaste);
  }, [lineWaste]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== text) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    }
  }, [text]);

  return <div className="dockerfile-editor" ref={host} data-testid="dockerfile-editor" />;
}
