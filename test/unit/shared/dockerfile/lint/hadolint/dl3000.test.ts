/**
 * hadolint DL3000 (Use absolute WORKDIR) ↔ DW000 (dockerfile-utils: WORKDIR_IS_NOT_ABSOLUTE).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3000Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3000',
  rule: { id: 'DW000', message: /WORKDIR paths should be absolute/ },
  cases: [
    { name: 'workdir relative', hadolint: true, dockerfile: ['WORKDIR relative/dir'] },
    { name: 'workdir absolute', hadolint: false, dockerfile: ['WORKDIR /usr/local'] },
    { name: 'workdir variable', hadolint: false, dockerfile: ['WORKDIR ${work}'] },
    { name: 'workdir relative single quotes', hadolint: true, dockerfile: ["WORKDIR 'relative/dir'"] },
    { name: 'workdir absolute single quotes', hadolint: false, dockerfile: ["WORKDIR '/usr/local'"] },
    { name: 'workdir relative double quotes', hadolint: true, dockerfile: ['WORKDIR "relative/dir"'] },
    { name: 'workdir absolute double quotes', hadolint: false, dockerfile: ['WORKDIR "/usr/local"'] },
    { name: 'workdir variable double quotes', hadolint: false, dockerfile: ['WORKDIR "${dir}"'] },
    { name: 'workdir absolute windows', hadolint: false, dockerfile: ["WORKDIR 'C:\\'"] },
    { name: 'workdir absolute windows quotes', hadolint: false, dockerfile: ['WORKDIR "C:\\"'] },
    { name: 'workdir absolute windows alternative', hadolint: false, dockerfile: ['WORKDIR C:/'] },
    { name: 'workdir absolute windows quotes alternative', hadolint: false, dockerfile: ['WORKDIR "C:/"'] },
  ],
});
