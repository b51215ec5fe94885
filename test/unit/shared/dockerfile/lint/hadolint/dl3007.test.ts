/**
 * hadolint DL3007 (Using latest is prone to errors) ↔ DW001.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3007Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3007',
  rule: { id: 'DW001' },
  cases: [
    { name: 'explicit latest', hadolint: true, dockerfile: ['FROM debian:latest'] },
    { name: 'explicit latest with name', hadolint: true, dockerfile: ['FROM debian:latest AS builder'] },
    { name: 'explicit tagged', hadolint: false, dockerfile: ['FROM debian:jessie'] },
    {
      name: 'explicit SHA',
      hadolint: false,
      dockerfile: [
        'FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb',
      ],
    },
    {
      name: 'explicit tagged and SHA',
      hadolint: false,
      dockerfile: [
        'FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb',
      ],
    },
    { name: 'explicit tagged with name', hadolint: false, dockerfile: ['FROM debian:jessie AS builder'] },
  ],
});
