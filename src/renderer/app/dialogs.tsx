import { useQueryClient } from '@tanstack/react-query';
import { DOCKER_HUB_KEY } from '@shared/registry/registry-name';
import { TagDialog } from '../features/registry/tag-dialog';
import { PushDialog } from '../features/registry/push-dialog';
import { useLogins } from '../features/registry/api/registry-queries';
import { RunForm } from '../features/containers/run-form';
import { imagesKeys } from '../features/images/api/images-keys';
import type { Navigation } from './navigation';

/** The dialogs any screen can open on an image: tag, push, run. */
export function Dialogs({ nav }: { nav: Navigation }) {
  const queryClient = useQueryClient();
  const logins = useLogins();
  const hubUser = logins.data?.logins.find((login) => login.registry === DOCKER_HUB_KEY)?.username ?? null;
  const { tagging, pushing, running } = nav.dialogs;
  return (
    <>
      {tagging ? (
        <TagDialog
          source={tagging.source}
          suggestion={tagging.suggestion}
          hubUser={hubUser}
          onDone={nav.closeDialogs}
          onTagged={() => void queryClient.invalidateQueries({ queryKey: imagesKeys.all })}
          onPush={(reference) => nav.actions.push([reference])}
        />
      ) : null}
      {pushing ? (
        <PushDialog
          tags={pushing}
          onCancel={nav.closeDialogs}
          onStarted={() => {
            nav.closeDialogs();
            nav.go('registries');
          }}
        />
      ) : null}
      {running ? (
        <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && nav.closeDialogs()}>
          <div className="modal wide" role="dialog" aria-modal="true" aria-label={`Run ${running}`}>
            <h2>Run {running}</h2>
            <RunForm
              image={running}
              onCancel={nav.closeDialogs}
              onStarted={(id) => {
                nav.closeDialogs();
                nav.selectContainer(id);
                nav.go('containers');
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
