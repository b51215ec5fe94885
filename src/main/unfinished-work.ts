import type { MainServices } from './services';

/** What quitting now would cut short, and how to cancel it; null when nothing is running. */
export interface UnfinishedWork {
  /** "1 build and 2 pushes still running." */
  message: string;
  cancelAll(): void;
}

export function unfinishedWork(
  services: Pick<MainServices, 'builds' | 'pushes' | 'pulls'>,
): UnfinishedWork | null {
  const groups = [
    {
      ids: services.builds.running(),
      one: 'build',
      many: 'builds',
      cancel: (id: string) => services.builds.cancel(id),
    },
    {
      ids: services.pushes.running(),
      one: 'push',
      many: 'pushes',
      cancel: (id: string) => services.pushes.cancel(id),
    },
    {
      ids: services.pulls.running(),
      one: 'pull',
      many: 'pulls',
      cancel: (id: string) => services.pulls.cancel(id),
    },
  ].filter((group) => group.ids.length > 0);
  if (groups.length === 0) return null;
  const parts = groups.map(
    (group) => `${group.ids.length} ${group.ids.length === 1 ? group.one : group.many}`,
  );
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return {
    message: `${listed} still running.`,
    cancelAll: () => groups.forEach((group) => group.ids.forEach((id) => group.cancel(id))),
  };
}
