/**
 * hadolint DL4006 (Set the SHELL option -o pipefail before RUN with a pipe in it) ↔ DW013.
 *
 * Spec table ported from hadolint/hadolint test/Hadolint/Rule/DL4006Spec.hs at commit
 * 8f936c5e975d3663b3cce4ac5b3baa3db26b8516; one entry per assertion, in the spec's order.
 */
import { portHadolintSpec } from './hadolint-spec';

portHadolintSpec({
  dl: 'DL4006',
  rule: { id: 'DW013' },
  cases: [
    {
      name: 'warn on missing pipefail',
      hadolint: true,
      dockerfile: ['FROM scratch', 'RUN wget -O - https://some.site | wc -l > /number'],
    },
    {
      name: "don't warn on commands with no pipes",
      hadolint: false,
      dockerfile: ['FROM scratch as build', 'RUN wget -O - https://some.site && wc -l file > /number'],
    },
    {
      name: "don't warn on commands with pipes and the pipefail option",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn on commands with pipes and the pipefail option 2",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn on commands with pipes and the pipefail option 3",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn on commands with pipes and the pipefail zsh",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/zsh", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn when bash is invoked via a non-standard absolute path",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn when zsh is invoked via a non-standard absolute path",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: "don't warn on powershell",
      hadolint: false,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["pwsh", "-c"]',
        'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
      ],
    },
    {
      name: 'warns when using plain sh',
      hadolint: true,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/sh", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: 'warn on missing pipefail in the next image',
      hadolint: true,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
        'FROM scratch as build2',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: 'warn on missing pipefail if next SHELL is not using it',
      hadolint: true,
      dockerfile: [
        'FROM scratch as build',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
        'SHELL ["/bin/sh", "-c"]',
        'RUN wget -O - https://some.site | wc -l file > /number',
      ],
    },
    {
      name: 'ignore non posix shells: pwsh',
      hadolint: false,
      dockerfile: [
        'FROM mcr.microsoft.com/powershell:ubuntu-16.04',
        'SHELL [ "pwsh", "-c" ]',
        'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
      ],
    },
    {
      name: 'ignore non posix shells: powershell',
      hadolint: false,
      dockerfile: [
        'FROM mcr.microsoft.com/powershell:ubuntu-16.04',
        'SHELL [ "powershell.exe" ]',
        'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
      ],
    },
    {
      name: 'ignore non posix shells: cmd.exe',
      hadolint: false,
      dockerfile: [
        'FROM mcr.microsoft.com/powershell:ubuntu-16.04',
        'SHELL [ "cmd.exe", "/c" ]',
        'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
      ],
    },
  ],
});
