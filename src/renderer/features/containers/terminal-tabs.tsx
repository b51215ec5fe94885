import { useCallback, useState } from 'react';
import type { TerminalTarget } from './api/terminal-api';
import { TerminalView, type TerminalEnd } from './terminal-view';

interface TerminalTab {
  key: string;
  title: string;
  target: TerminalTarget;
  end: TerminalEnd | null;
}

let nextKey = 0;

/** The open terminal tabs of a page; each tab is one session, ended when its tab closes. */
export function useTerminalTabs() {
  const [tabs, setTabs] = useState<TerminalTab[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const open = useCallback((target: TerminalTarget, title: string) => {
    const key = `terminal-${++nextKey}`;
    setTabs((current) => [...current, { key, title, target, end: null }]);
    setActive(key);
  }, []);
  const close = useCallback((key: string) => {
    setTabs((current) => {
      const index = current.findIndex((tab) => tab.key === key);
      const rest = current.filter((tab) => tab.key !== key);
      setActive((was) => (was === key ? (rest[Math.min(index, rest.length - 1)]?.key ?? null) : was));
      return rest;
    });
  }, []);
  const ended = useCallback((key: string, end: TerminalEnd) => {
    setTabs((current) => current.map((tab) => (tab.key === key ? { ...tab, end } : tab)));
  }, []);
  return { tabs, active, setActive, open, close, ended };
}

export type TerminalTabsState = ReturnType<typeof useTerminalTabs>;

/** The tab strip and the terminals; hidden tabs keep their sessions running. */
export function TerminalTabs({ state }: { state: TerminalTabsState }) {
  const { tabs, active, setActive, close, ended } = state;
  if (tabs.length === 0) return null;
  return (
    <section className="terminal-panel" data-testid="terminal-panel" aria-label="Terminals">
      <div className="terminal-tabs" role="tablist">
        {tabs.map((tab) => (
          <div
            key={tab.key}
            className={`terminal-tab${tab.key === active ? ' active' : ''}${tab.end ? ' ended' : ''}`}
            data-testid="terminal-tab"
          >
            <button
              type="button"
              role="tab"
              aria-selected={tab.key === active}
              className="terminal-tab-title"
              title={tab.end?.message}
              onClick={() => setActive(tab.key)}
            >
              {tab.title}
              {tab.end ? ' (ended)' : ''}
            </button>
            <button
              type="button"
              className="terminal-tab-close"
              aria-label={`Close the terminal ${tab.title}`}
              title="Close this terminal (ends its shell)"
              onClick={() => close(tab.key)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} className="terminal-body" hidden={tab.key !== active} role="tabpanel">
          {tab.end ? (
            <p
              className={tab.end.failed ? 'error-text' : 'muted terminal-ended'}
              role="status"
              data-testid="terminal-ended"
            >
              {tab.end.message}
            </p>
          ) : null}
          <TerminalView
            target={tab.target}
            active={tab.key === active}
            onEnd={(end) => ended(tab.key, end)}
          />
        </div>
      ))}
    </section>
  );
}
