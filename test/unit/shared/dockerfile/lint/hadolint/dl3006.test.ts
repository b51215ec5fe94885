/**
 * hadolint DL3006 (Always tag the version of an image explicitly) ↔ DW001.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3006Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3006',
  rule: { id: 'DW001' },
  cases: [
    { name: 'no untagged', hadolint: true, dockerfile: ['FROM debian'] },
    { name: 'no untagged with name', hadolint: true, dockerfile: ['FROM debian AS builder'] },
    {
      name: 'untagged digest is not an error',
      hadolint: false,
      dockerfile: ['FROM ruby@sha256:f1dbca0f5dbc9'],
    },
    { name: 'untagged digest is not an error', hadolint: false, dockerfile: ['FROM ruby:2'] },
    { name: 'using args is not an error', hadolint: false, dockerfile: ['FROM ${VALUE}'] },
    {
      name: 'local aliases are OK to be untagged',
      hadolint: false,
      dockerfile: [
        'FROM golang:1.9.3-alpine3.7 AS build',
        'RUN foo',
        'FROM build as unit-test',
        'RUN bar',
        'FROM alpine:3.7',
        'RUN baz',
      ],
    },
    {
      name: 'local aliases are OK to be untagged',
      onbuild: true,
      hadolint: false,
      dockerfile: [
        'FROM golang:1.9.3-alpine3.7 AS build',
        'RUN foo',
        'FROM build as unit-test',
        'RUN bar',
        'FROM alpine:3.7',
        'RUN baz',
      ],
    },
    {
      name: 'other untagged cases are not ok',
      hadolint: true,
      dockerfile: [
        'FROM golang:1.9.3-alpine3.7 AS build',
        'RUN foo',
        'FROM node as unit-test',
        'RUN bar',
        'FROM alpine:3.7',
        'RUN baz',
      ],
    },
    {
      name: 'other untagged cases are not ok',
      onbuild: true,
      hadolint: true,
      dockerfile: [
        'FROM golang:1.9.3-alpine3.7 AS build',
        'RUN foo',
        'FROM node as unit-test',
        'RUN bar',
        'FROM alpine:3.7',
        'RUN baz',
      ],
    },
    { name: 'scratch', hadolint: false, dockerfile: ['FROM scratch'] },
  ],
});
