/**
 * Images a bench builds carry this run's label and go when it ends: left behind, hundreds of
 * untagged 20k-file images made the next test run's `docker image prune` outlast its timeout.
 */
import { randomUUID } from 'node:crypto';
import { dockerCli } from '../../test/support/docker-cli';

const RUN = randomUUID().slice(0, 8);

/** The label every build of this bench run gets, as `key=value` for `docker build --label`. */
export const BENCH_LABEL = { key: 'dev.dockwright.bench-run', value: RUN } as const;

/** `--label key=value` for the CLI. */
export const benchLabelArgs = ['--label', `${BENCH_LABEL.key}=${BENCH_LABEL.value}`];

/** Removes the untagged images this run built (the CLI's and the app's). */
export async function removeBenchImages(dockerHost: string): Promise<void> {
  await dockerCli(dockerHost, [
    'image',
    'prune',
    '-f',
    '--filter',
    `label=${BENCH_LABEL.key}=${BENCH_LABEL.value}`,
  ]).catch(() => '');
}
