/**
 * hadolint DL3003 (Use WORKDIR to switch to a directory) ↔ DW012.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3003Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3003',
  rule: { id: 'DW012' },
  cases: [
    { name: 'ok using WORKDIR', hadolint: false, dockerfile: ['WORKDIR /opt'] },
    { name: 'not ok using cd', hadolint: true, dockerfile: ['RUN cd /opt'] },
  ],
});
