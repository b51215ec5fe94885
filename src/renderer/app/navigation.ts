import { useState } from 'react';
import type { BuildWarning } from '@shared/builds/build-model';
import type { BuildRequest } from '@shared/builds/build-request';
import type { ImageActions } from '../lib/image-actions';
import { requestAttach } from '../features/containers/terminal-requests';

/** The screens of the window. The editor has no entry of its own: a Dockerfile opens it. */
export type Page =
  'editor' | 'wizard' | 'images' | 'build' | 'history' | 'layers' | 'containers' | 'registries' | 'engine';

export const PAGES: { id: Page; label: string }[] = [
  { id: 'wizard', label: 'New Dockerfile' },
  { id: 'images', label: 'Images' },
  { id: 'build', label: 'Build' },
  { id: 'history', label: 'History' },
  { id: 'layers', label: 'Layers' },
  { id: 'containers', label: 'Containers' },
  { id: 'registries', label: 'Registries' },
  { id: 'engine', label: 'Engine' },
];

/** Where the window is and what each screen was opened with. `key`s remount a screen opened afresh. */
export interface Navigation {
  page: Page;
  /** Opens a page from the sidebar; Build while on Build goes back to its form. */
  go(page: Page): void;
  openBuildId: string | null;
  openBuild(id: string | null): void;
  buildDraft: { request: BuildRequest | null; key: number };
  /** The Build form, prefilled with `request` (from the wizard). */
  draftBuild(request: BuildRequest): void;
  layersFor: { image: string | null; compareWith: string | null; key: number };
  editing: { path: string; warnings: readonly BuildWarning[]; proposal: string | null; key: number } | null;
  selectedContainer: string | null;
  selectContainer(id: string | null): void;
  /** Open dialogs: null when closed. */
  dialogs: {
    tagging: { source: string; suggestion: string } | null;
    pushing: string[] | null;
    running: string | null;
  };
  closeDialogs(): void;
  actions: ImageActions;
}

export function useNavigation(): Navigation {
  const [page, setPage] = useState<Page>('images');
  const [openBuildId, setOpenBuildId] = useState<string | null>(null);
  const [buildDraft, setBuildDraft] = useState<Navigation['buildDraft']>({ request: null, key: 0 });
  const [layersFor, setLayersFor] = useState<Navigation['layersFor']>({
    image: null,
    compareWith: null,
    key: 0,
  });
  const [editing, setEditing] = useState<Navigation['editing']>(null);
  const [selectedContainer, setSelectedContainer] = useState<string | null>(null);
  const [dialogs, setDialogs] = useState<Navigation['dialogs']>({
    tagging: null,
    pushing: null,
    running: null,
  });
  const closed = { tagging: null, pushing: null, running: null };

  const openBuild = (id: string | null): void => {
    setOpenBuildId(id);
    setPage('build');
  };
  return {
    page,
    go: (next) => {
      setPage(next);
      if (next === 'build' && page === 'build') setOpenBuildId(null);
    },
    openBuildId,
    openBuild,
    buildDraft,
    draftBuild: (request) => {
      setBuildDraft({ request, key: buildDraft.key + 1 });
      openBuild(null);
    },
    layersFor,
    editing,
    selectedContainer,
    selectContainer: setSelectedContainer,
    dialogs,
    closeDialogs: () => setDialogs(closed),
    actions: {
      run: (image) => setDialogs({ ...closed, running: image }),
      tag: (source, suggestion) => setDialogs({ ...closed, tagging: { source, suggestion } }),
      push: (tags) => setDialogs({ ...closed, pushing: tags }),
      layers: (image, compareWith = null) => {
        setLayersFor({ image, compareWith, key: layersFor.key + 1 });
        setPage('layers');
      },
      shell: (containerId, title) => {
        requestAttach(containerId, title);
        setSelectedContainer(containerId);
        setPage('containers');
      },
      edit: (path, warnings = [], proposal) => {
        setEditing({ path, warnings, proposal: proposal ?? null, key: (editing?.key ?? 0) + 1 });
        setPage('editor');
      },
    },
  };
}
