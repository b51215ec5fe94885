/**
 * Makes the machine ready for integration and e2e tests, once per vitest run.
 *
 * Private mode (root on Debian, as in CI): the rig script installs what is missing, starts or
 * reuses the one rig dockerd of this machine, and we start a registry with htpasswd users.
 * User mode (a developer laptop, or DW_TEST_ENGINE=user): the engine found the usual way, and
 * only labelled `dw-test/*` things are created and removed.
 */
import type { TestProject } from 'vitest/node';
import { startRig, type Rig } from '../support/start-rig';

let rig: Rig | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = project.vitest.projects.some((p) => ['integration', 'e2e', 'bench'].includes(p.name));
  if (!wanted || process.env['DW_RIG'] === 'off') return async () => {};
  rig ??= await startRig();
  project.provide('rig', rig.info);
  return async () => {
    const current = rig;
    rig = null;
    await current?.stop();
  };
}
