import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import {
  packagesForCommands,
  unknownCommands,
} from '../../../../../src/shared/wizard/templates/script-commands';
import { scriptCautions } from '../../../../../src/shared/wizard/templates/script-template';
import type { ScriptAnswers } from '../../../../../src/shared/wizard/wizard-answers';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const script = (answers: Partial<ScriptAnswers>): ScriptAnswers => ({
  ...defaultAnswers('script'),
  ...answers,
});
const messages = (answers: ScriptAnswers): string =>
  scriptCautions(answers)
    .map((caution) => caution.message)
    .join('\n');

describe('packagesForCommands', () => {
  it.each([
    [['curl', 'jq'], 'debian', ['ca-certificates', 'curl', 'jq']],
    [['ssh', 'scp', 'rsync'], 'debian', ['openssh-client', 'rsync']],
    [['dig', 'aws'], 'debian', ['awscli', 'ca-certificates', 'dnsutils']],
    [['dig', 'aws'], 'alpine', ['aws-cli', 'bind-tools', 'ca-certificates']],
    [['grep', 'sed', 'awk', 'tar', 'find'], 'alpine', []],
  ] as const)('installs for %j on %s: %j', (commands, family, packages) => {
    expect(packagesForCommands(commands, family)).toEqual(packages);
  });

  it('knows the shell builtins and base tools need nothing, and names what it does not know', () => {
    expect(unknownCommands(['echo', 'printf', 'sed', 'curl', 'kubectl', 'terraform'])).toEqual([
      'kubectl',
      'terraform',
    ]);
  });
});

describe('script template', () => {
  it("installs curl and jq and makes the script the ENTRYPOINT (the issue's case)", () => {
    const text = generateDockerfile(script({ script: 'fetch.sh', commands: ['curl', 'jq'] }));
    expect(text).toContain('FROM debian:12-slim');
    expect(text).toContain('apt-get install -y --no-install-recommends ca-certificates curl jq');
    expect(text).toContain('COPY fetch.sh /usr/local/bin/fetch.sh\nRUN chmod 755 /usr/local/bin/fetch.sh');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'USER app',
      'ENTRYPOINT ["/usr/local/bin/fetch.sh"]',
    ]);
    expect(text).not.toContain('CMD');
  });

  it('adds bash on Alpine only when the script needs it', () => {
    expect(generateDockerfile(script({ distro: 'alpine', commands: ['git'] }))).toContain(
      'RUN apk add --no-cache bash ca-certificates git',
    );
    expect(generateDockerfile(script({ distro: 'alpine', shell: 'sh' }))).not.toContain('apk add');
    expect(generateDockerfile(script({ distro: 'debian' }))).not.toContain('apt-get');
  });

  it('starts a script without a #! line through its shell, with the arguments still going to the script', () => {
    const text = generateDockerfile(script({ script: 'bin/job', shell: 'sh', shebang: false }));
    expect(text).toContain('COPY bin/job /usr/local/bin/job');
    expect(text).toContain('ENTRYPOINT ["sh", "/usr/local/bin/job"]');
  });

  it('copies the whole project and runs the script from the working directory when asked', () => {
    const text = generateDockerfile(script({ script: 'deploy.sh', copyProject: true }));
    expect(text).toContain('COPY . .\nRUN chmod 755 /app/deploy.sh');
    expect(text).toContain('ENTRYPOINT ["/app/deploy.sh"]');
  });

  it('writes CMD when asked, and a typed command as the user wrote it', () => {
    expect(generateDockerfile(script({ startAs: 'cmd' }))).toContain('CMD ["/usr/local/bin/run.sh"]');
    expect(generateDockerfile(script({ startCommand: '/usr/local/bin/run.sh --verbose' }))).toContain(
      'ENTRYPOINT ["/usr/local/bin/run.sh"]\nCMD ["--verbose"]',
    );
  });

  it('warns about commands no known package provides, and only then', () => {
    expect(messages(script({ commands: ['curl', 'jq'] }))).toBe('');
    expect(messages(script({ commands: ['curl', 'kubectl', 'helm'] }))).toContain('`kubectl`, `helm`');
  });

  it('warns when the script reads project files that are not copied', () => {
    const reads = script({ projectFiles: ['lib/common.sh', 'hosts.txt'] });
    expect(messages(reads)).toContain('reads lib/common.sh, hosts.txt from the project');
    expect(messages({ ...reads, copyProject: true })).toBe('');
  });

  it('warns that ssh needs a key the image does not hold', () => {
    expect(messages(script({ commands: ['git', 'scp'] }))).toContain('`scp`: the image holds no ssh key');
  });

  it('warns when the base image cannot install the packages', () => {
    expect(messages(script({ commands: ['curl'], baseImage: 'busybox:1.36' }))).toContain(
      'neither apt nor apk, so ca-certificates, curl cannot be installed',
    );
  });
});
