/**
 * hadolint DL3043 (ONBUILD, FROM or MAINTAINER triggered from within ONBUILD) ↔ DW000 (dockerfile-utils: ONBUILD_CHAINING_DISALLOWED, ONBUILD_TRIGGER_DISALLOWED).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3043Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3043',
  rule: { id: 'DW000', message: /ONBUILD/ },
  cases: [
    {
      name: 'error when using `ONBUILD` within `ONBUILD`',
      hadolint: true,
      dockerfile: ['ONBUILD ONBUILD RUN anything'],
    },
    {
      name: 'error when using `FROM` within `ONBUILD`',
      hadolint: true,
      dockerfile: ['ONBUILD FROM debian:buster'],
    },
    {
      name: 'error when using `MAINTAINER` within `ONBUILD`',
      hadolint: true,
      dockerfile: ['ONBUILD MAINTAINER "BoJack Horseman"'],
    },
    { name: 'ok with `ADD`', hadolint: false, dockerfile: ['ONBUILD ADD anything anywhere'] },
    { name: 'ok with `USER`', hadolint: false, dockerfile: ['ONBUILD USER anything'] },
    { name: 'ok with `LABEL`', hadolint: false, dockerfile: ['ONBUILD LABEL bla="blubb"'] },
    { name: 'ok with `STOPSIGNAL`', hadolint: false, dockerfile: ['ONBUILD STOPSIGNAL anything'] },
    { name: 'ok with `COPY`', hadolint: false, dockerfile: ['ONBUILD COPY anything anywhere'] },
    { name: 'ok with `RUN`', hadolint: false, dockerfile: ['ONBUILD RUN anything'] },
    { name: 'ok with `CMD`', hadolint: false, dockerfile: ['ONBUILD CMD anything'] },
    { name: 'ok with `SHELL`', hadolint: false, dockerfile: ['ONBUILD SHELL anything'] },
    { name: 'ok with `WORKDIR`', hadolint: false, dockerfile: ['ONBUILD WORKDIR anything'] },
    { name: 'ok with `EXPOSE`', hadolint: false, dockerfile: ['ONBUILD EXPOSE 69'] },
    { name: 'ok with `VOLUME`', hadolint: false, dockerfile: ['ONBUILD VOLUME anything'] },
    { name: 'ok with `ENTRYPOINT`', hadolint: false, dockerfile: ['ONBUILD ENTRYPOINT anything'] },
    { name: 'ok with `ENV`', hadolint: false, dockerfile: ['ONBUILD ENV MYVAR="bla"'] },
    { name: 'ok with `ARG`', hadolint: false, dockerfile: ['ONBUILD ARG anything'] },
    { name: 'ok with `HEALTHCHECK`', hadolint: false, dockerfile: ['ONBUILD HEALTHCHECK NONE'] },
    { name: 'ok with `FROM` outside of `ONBUILD`', hadolint: false, dockerfile: ['FROM debian:buster'] },
    {
      name: 'ok with `MAINTAINER` outside of `ONBUILD`',
      hadolint: false,
      dockerfile: ['MAINTAINER "Some Guy"'],
    },
  ],
});
