import { useState, type ReactNode } from 'react';
import type { BuildRequest } from '@shared/builds/build-request';
import { BuildForm } from './build-form';
import type { ImageActions } from '../../lib/image-actions';
import { BuildView } from './build-view';

/** The Build screen: the form, then the build it started. */
export function BuildPage({
  draft: initialDraft,
  openBuildId,
  onOpenBuild,
  actions,
  wasteSummary,
}: {
  /** A request to start from (from the wizard), or null for an empty form. */
  draft: BuildRequest | null;
  openBuildId: string | null;
  onOpenBuild(id: string | null): void;
  actions: ImageActions;
  wasteSummary(imageId: string): ReactNode;
}) {
  const [draft, setDraft] = useState<{ request: BuildRequest | null; key: number }>({
    request: initialDraft,
    key: 0,
  });
  if (openBuildId) {
    return (
      <BuildView
        key={openBuildId}
        id={openBuildId}
        actions={actions}
        wasteSummary={wasteSummary}
        onRebuild={(request) => {
          setDraft({ request, key: draft.key + 1 });
          onOpenBuild(null);
        }}
      />
    );
  }
  return (
    <section className="page">
      <h1>Build an image</h1>
      <BuildForm
        key={draft.key}
        initial={draft.request}
        onStarted={onOpenBuild}
        onEdit={(path) => actions.edit(path)}
      />
    </section>
  );
}
