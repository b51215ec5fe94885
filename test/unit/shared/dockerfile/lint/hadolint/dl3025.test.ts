/**
 * hadolint DL3025 (Use arguments JSON notation for CMD and ENTRYPOINT arguments) ↔ DW003.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3025Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3025',
  rule: { id: 'DW003' },
  cases: [
    { name: 'warn on ENTRYPOINT', hadolint: true, dockerfile: ['FROM node as foo', 'ENTRYPOINT something'] },
    {
      name: "don't warn on ENTRYPOINT json notation",
      hadolint: false,
      dockerfile: ['FROM scratch as build', 'ENTRYPOINT ["foo", "bar"]'],
    },
    { name: 'warn on CMD', hadolint: true, dockerfile: ['FROM node as foo', 'CMD something'] },
    {
      name: "don't warn on CMD json notation",
      hadolint: false,
      dockerfile: ['FROM scratch as build', 'CMD ["foo", "bar"]', 'CMD [ "foo", "bar" ]'],
    },
    {
      name: 'warn on HEALTHCHECK CMD shell notation',
      hadolint: true,
      dockerfile: ['HEALTHCHECK CMD foobar'],
      ours: false,
      why: 'A shell-form HEALTHCHECK is not PID 1 and gets no stop signal, so the exec-form reason does not apply.',
    },
    {
      name: "don't warn on HEALTHCHECK CMD json notation",
      hadolint: false,
      dockerfile: ['HEALTHCHECK CMD [ "foobar" ]'],
    },
    {
      name: "don't warn on CMD JSON notation with broken long strings",
      hadolint: false,
      dockerfile: ['CMD [ "/bin/sh", "-c", \\', '      "echo foo && \\', '       echo bar" \\', '    ]'],
    },
  ],
});
