/**
 * Makes the machine ready for integration and e2e tests, once per vitest run.
 *
 * Private mode (root on Debian, as in CI): the rig script installs what is missing, starts or
 * reuses the one rig dockerd of this machine, and we start a registry with htpasswd users.
 * User mode (a developer laptop, or DW_TEST_ENGINE=user): the engine found the usual way, and
 * only labelled `dw-test/*` things are created and removed.
 * With DW_ENGINE2=1 (private mode only) the rig also runs its second engine, Docker 26.1 with the
 * containerd image store, and tests find it in `rig.engine2`.
 */
import type { TestProject } from 'vitest/node';
import { startRig, type Rig } from '../support/start-rig';

// Vitest runs this once for the root and once per project, concurrently and from separate module
// instances: they share one start through a global (a promise, not its result, or both would start
// a rig), and the last teardown stops it.
interface SharedRig {
  rig: Promise<Rig> | null;
  users: number;
}
const registry = globalThis as { [key: symbol]: SharedRig | undefined };
const shared = (registry[Symbol.for('dockwright.test-rig')] ??= { rig: null, users: 0 });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = project.vitest.projects.some((p) => ['integration', 'e2e', 'bench'].includes(p.name));
  if (!wanted || process.env['DW_RIG'] === 'off') return async () => {};
  shared.users += 1;
  shared.rig ??= startRig();
  const started = shared.rig;
  project.provide('rig', (await started).info);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    shared.rig = null;
    await (await started).stop();
  };
}
