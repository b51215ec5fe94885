/**
 * hadolint DL3059 (Multiple consecutive RUN instructions) ↔ DW011.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3059Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3059',
  rule: { id: 'DW011' },
  cases: [
    { name: 'ok with no `RUN` at all', hadolint: false, dockerfile: ['FROM debian:10'] },
    { name: 'ok with one `RUN`', hadolint: false, dockerfile: ['RUN /foo.sh'] },
    {
      name: 'ok with two not consecutive `RUN`',
      hadolint: false,
      dockerfile: ['RUN /foo.sh', 'WORKDIR /', 'RUN /bar.sh'],
    },
    {
      name: 'not ok with two consecutive `RUN`s',
      hadolint: true,
      dockerfile: ['RUN /foo.sh', 'RUN /bar.sh'],
    },
    {
      name: 'not ok with two `RUN`s separated by a comment',
      hadolint: true,
      dockerfile: ['RUN /foo.sh', '# a comment', 'RUN /bar.sh'],
      ours: false,
      why: 'A comment between two RUNs marks a deliberate split (e.g. a slow step kept in its own cached layer).',
    },
    {
      name: 'not ok with two `RUN`s separated by two comment',
      hadolint: true,
      dockerfile: ['RUN /foo.sh', '# a comment', '# another comment', 'RUN /bar.sh'],
      ours: false,
      why: 'A comment between two RUNs marks a deliberate split (e.g. a slow step kept in its own cached layer).',
    },
    {
      name: 'ok with one `RUN` after a comment',
      hadolint: false,
      dockerfile: ['# a comment', 'RUN /foo.sh'],
    },
    {
      name: 'ok with two consecutive `RUN`s when flags are different 1',
      hadolint: false,
      dockerfile: ['RUN --mount=type=secret,id=foo /foo.sh', 'RUN /bar.sh'],
    },
    {
      name: 'ok with two consecutive `RUN`s when flags are different 2',
      hadolint: false,
      dockerfile: ['RUN --mount=type=secret,id=foo /foo.sh', 'RUN --mount=type=secret,id=bar /bar.sh'],
    },
    {
      name: 'not ok with two consecutive `RUN`s when flags are equal',
      hadolint: true,
      dockerfile: ['RUN --mount=type=secret,id=foo /foo.sh', 'RUN --mount=type=secret,id=foo /bar.sh'],
    },
    {
      name: 'ok with two consecutive `RUN`s when commands are chained 1',
      hadolint: false,
      dockerfile: ['RUN foo && bar', 'RUN foobar'],
      ours: true,
      why: 'Two RUNs are two layers however many commands each chains; the finding is only an info.',
    },
    {
      name: 'ok with two consecutive `RUN`s when commands are chained 2',
      hadolint: false,
      dockerfile: ['RUN foo; bar', 'RUN foobar'],
      ours: true,
      why: 'Two RUNs are two layers however many commands each chains; the finding is only an info.',
    },
    {
      name: 'ok with two consecutive `RUN`s when commands are chained 3',
      hadolint: false,
      dockerfile: ['RUN foobar', 'RUN foo && bar'],
      ours: true,
      why: 'Two RUNs are two layers however many commands each chains; the finding is only an info.',
    },
    {
      name: 'ok with two consecutive `RUN`s when commands are chained 4',
      hadolint: false,
      dockerfile: ['RUN foobar', 'RUN foo; bar'],
      ours: true,
      why: 'Two RUNs are two layers however many commands each chains; the finding is only an info.',
    },
    {
      name: 'ok with two consecutive `RUN`s when commands are chained 5',
      hadolint: false,
      dockerfile: ['RUN foo && bar', 'RUN foo; bar'],
      ours: true,
      why: 'Two RUNs are two layers however many commands each chains; the finding is only an info.',
    },
    {
      name: 'not ok when more than one `RUN` has just one command in a row',
      hadolint: true,
      dockerfile: ['RUN foo && bar', 'RUN foo', 'RUN bar'],
    },
  ],
});
