/**
 * hadolint DL3020 (Use COPY instead of ADD for files and folders) ↔ DW004.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL3020Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL3020',
  rule: { id: 'DW004' },
  cases: [
    { name: 'add for tar', hadolint: false, dockerfile: ['ADD file.tar /usr/src/app/'] },
    { name: 'add for gzip', hadolint: false, dockerfile: ['ADD file.gz /usr/src/app/'] },
    { name: 'add for bz2', hadolint: false, dockerfile: ['ADD file.bz2 /usr/src/app/'] },
    { name: 'add for xz', hadolint: false, dockerfile: ['ADD file.xz /usr/src/app/'] },
    { name: 'add for tgz', hadolint: false, dockerfile: ['ADD file.tgz /usr/src/app/'] },
    { name: 'add for url', hadolint: false, dockerfile: ['ADD http://file.com /usr/src/app/'] },
    { name: 'using add', hadolint: true, dockerfile: ['ADD file /usr/src/app/'] },
    { name: 'warn for zip', hadolint: true, dockerfile: ['ADD file.zip /usr/src/app/'] },
    { name: 'add for tgz with quotes', hadolint: false, dockerfile: ['ADD "file.tgz" /usr/src/app/'] },
    { name: 'add for url with quotes', hadolint: false, dockerfile: ['ADD "http://file.com" /usr/src/app/'] },
    { name: 'warn for zip with quotes', hadolint: true, dockerfile: ['ADD "file.zip" /usr/src/app/'] },
  ],
});
