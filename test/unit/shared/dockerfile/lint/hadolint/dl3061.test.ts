/**
 * hadolint DL3061 (Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment) ↔ DW000 (dockerfile-utils: NO_SOURCE_IMAGE).
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3061Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3061',
  rule: { id: 'DW000', message: /FROM/ },
  cases: [
    { name: 'warn: label before from', hadolint: true, dockerfile: ['LABEL foo=bar', 'FROM foo'] },
    {
      name: 'warn: label before from',
      onbuild: true,
      hadolint: true,
      dockerfile: ['LABEL foo=bar', 'FROM foo'],
    },
    { name: "don't warn: from before label", hadolint: false, dockerfile: ['FROM foo', 'LABEL foo=bar'] },
    {
      name: "don't warn: from before label",
      onbuild: true,
      hadolint: false,
      dockerfile: ['FROM foo', 'LABEL foo=bar'],
    },
    {
      name: "don't warn: ARG then FROM then LABEL",
      hadolint: false,
      dockerfile: ['ARG A=B', 'FROM foo', 'LABEL foo=bar'],
    },
    {
      name: "don't warn: ARG then FROM then LABEL",
      onbuild: true,
      hadolint: false,
      dockerfile: ['ARG A=B', 'FROM foo', 'LABEL foo=bar'],
    },
    {
      name: "don't warn: pragma before FROM",
      hadolint: false,
      dockerfile: ['# syntax = docker/dockerfile:1.0-experimental', 'FROM node:16-alpine3.13'],
    },
    {
      name: "don't warn: pragma before FROM",
      onbuild: true,
      hadolint: false,
      dockerfile: ['# syntax = docker/dockerfile:1.0-experimental', 'FROM node:16-alpine3.13'],
    },
    {
      name: "don't warn: FROM then ARG then RUN",
      hadolint: false,
      dockerfile: ['FROM foo', 'ARG A=B', 'RUN echo bla'],
    },
  ],
});
