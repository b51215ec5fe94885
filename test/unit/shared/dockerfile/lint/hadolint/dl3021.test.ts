/**
 * hadolint DL3021 (COPY with more than 2 arguments requires the last argument to end with /) ↔ DW000 (dockerfile-utils: INVALID_DESTINATION).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3021Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3021',
  rule: { id: 'DW000', message: /destination must be a directory/ },
  cases: [
    { name: 'no warn on 2 args', hadolint: false, dockerfile: ['COPY foo bar'] },
    { name: 'warn on 3 args', hadolint: true, dockerfile: ['COPY foo bar baz'] },
    { name: 'no warn on 3 args', hadolint: false, dockerfile: ['COPY foo bar baz/'] },
    { name: 'warn on 3 args with quotes', hadolint: true, dockerfile: ['COPY foo bar "baz"'] },
    { name: 'no warn on 3 args with quotes', hadolint: false, dockerfile: ['COPY foo bar "baz/"'] },
  ],
});
