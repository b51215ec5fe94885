/**
 * hadolint DL3002 (Last USER should not be root) ↔ DW002.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3002Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3002',
  rule: { id: 'DW002' },
  cases: [
    { name: 'last user should not be root', hadolint: true, dockerfile: ['FROM scratch', 'USER root'] },
    { name: 'no root', hadolint: false, dockerfile: ['FROM scratch', 'USER foo'] },
    { name: 'no root UID', hadolint: true, dockerfile: ['FROM scratch', 'USER 0'] },
    { name: 'no root:root', hadolint: true, dockerfile: ['FROM scratch', 'USER root:root'] },
    { name: 'no UID:GID', hadolint: true, dockerfile: ['FROM scratch', 'USER 0:0'] },
    {
      name: 'can switch back to non root',
      hadolint: false,
      dockerfile: ['FROM scratch', 'USER root', 'RUN something', 'USER foo'],
    },
    {
      name: 'warns on transitive root user',
      hadolint: true,
      dockerfile: ['FROM debian as base', 'USER root', 'RUN something', 'FROM base', 'RUN something else'],
    },
    {
      name: 'warns on multiple stages',
      hadolint: true,
      dockerfile: [
        'FROM debian as base',
        'USER root',
        'RUN something',
        'FROM scratch',
        'USER foo',
        'RUN something else',
      ],
      ours: false,
      why: "Only the final image's user matters at run time; a root builder stage never runs your container.",
    },
    {
      name: 'does not warn when switching in multiple stages',
      hadolint: false,
      dockerfile: [
        'FROM debian as base',
        'USER root',
        'RUN something',
        'USER foo',
        'FROM scratch',
        'RUN something else',
      ],
      ours: true,
      why: 'The final stage (scratch) has no USER, so the container runs as root; hadolint only looks at explicit USER lines.',
    },
  ],
});
