import { describe, expect, it } from 'vitest';
import { scanShellScript } from '../../../../src/main/wizard/scan-shell-script';

describe('scanShellScript', () => {
  it.each([
    ['curl -s https://x | jq .name', ['curl', 'jq']],
    ['make build && docker push img || echo failed; rsync -a a b', ['make', 'docker', 'echo', 'rsync']],
    ['out=$(git rev-parse HEAD)', ['git']],
    ['echo "tag: $(git describe --tags)"', ['git', 'echo']],
    ['echo `hostname -f`', ['hostname', 'echo']],
    ['/usr/bin/curl -o /tmp/x "$URL"', ['curl']],
    ['FOO=1 BAR="a b" psql -c "select 1"', ['psql']],
    ['sudo -n apt-get update', ['sudo', 'apt-get']],
    ['timeout 5 nc -z db 5432', ['timeout', 'nc']],
    ['find . -name "*.log" | xargs gzip', ['find', 'xargs', 'gzip']],
    ['if grep -q x file; then\n  aws s3 cp a b\nelif true; then\n  :\nfi', ['grep', 'aws', 'true']],
    ['while read -r line; do\n  ssh "$line" uptime\ndone < hosts.txt', ['read', 'ssh']],
    ['for f in *.json; do jq . "$f"; done', ['jq']],
    ['cat > /tmp/x <<EOF\nkubectl apply\nrm -rf /\nEOF\nwc -l /tmp/x', ['cat', 'wc']],
    ['cat <<-"END"\n\tnot a command\n\tEND\necho done', ['cat', 'echo']],
    ['curl x 2>&1 >/dev/null | tee log', ['curl', 'tee']],
    ['# curl in a comment\necho "# not a comment" # jq', ['echo']],
    ['echo \'curl | jq\' "and | git"', ['echo']],
    ['$DOCKER run x; "$TOOL" --help', []],
    ['./build.sh --fast; lib/deploy.sh', []],
  ])('finds the commands of %j', (script, commands) => {
    expect(scanShellScript(script).commands).toEqual(commands);
  });

  it('reads case patterns as patterns, not commands', () => {
    const script = [
      'case "$1" in',
      '  start|up) docker compose up -d ;;',
      '  (stop) docker compose down ;;',
      '  *)',
      '    usage',
      '    ;;',
      'esac',
      'date',
    ].join('\n');
    expect(scanShellScript(script).commands).toEqual(['docker', 'usage', 'date']);
  });

  it('leaves out the functions the script defines, wherever they are called', () => {
    const script = 'main() { fetch; }\nfunction fetch {\n  curl -s x\n}\nmain "$@"';
    const scan = scanShellScript(script);
    expect(scan.functions).toEqual(['main', 'fetch']);
    expect(scan.commands).toEqual(['curl']);
  });

  it('reports scripts called by a relative path as local commands', () => {
    expect(scanShellScript('./scripts/migrate.sh up\nbin/seed').localCommands).toEqual([
      'scripts/migrate.sh',
      'bin/seed',
    ]);
  });

  it.each([
    ['[[ -n $x ]] && echo y', '[['],
    ['arr=(a b c)', 'arrays'],
    ['diff <(ls a) <(ls b)', 'process substitution'],
    ["printf $'tab\\there'", "$'…'"],
    ['echo ${name//a/b}', '${…} substring or substitution'],
    ['echo ${name:1:3}', '${…} substring or substitution'],
    ['function go { :; }', 'function'],
    ['source ./env.sh', 'source'],
    ['declare -A map', 'declare'],
    ['make &> build.log', '&>'],
    ['echo {1..5}', '{a..b}'],
    ['(( count++ ))', '(('],
  ])('spots the bash feature in %j', (script, feature) => {
    expect(scanShellScript(script).bashisms).toContain(feature);
  });

  it('finds no bash features in a POSIX script', () => {
    const script = [
      '#!/bin/sh',
      'set -eu',
      'name=${1:-world}',
      'count=$((1 + 2))',
      '[ -n "$name" ] && echo "hi $name ${name%.*}" 2>&1',
      '. ./env.sh',
      'case $name in a|b) echo ab ;; esac',
    ].join('\n');
    expect(scanShellScript(script).bashisms).toEqual([]);
  });

  it('finds the commands inside [[ ]] only as arguments, and after it as commands', () => {
    expect(scanShellScript('[[ -x $(command -v git) && -f x ]] || apk add git').commands).toEqual([
      'command',
      'apk',
    ]);
  });

  it('reads `command -v x` as a lookup, also when command was called before', () => {
    expect(scanShellScript('command ls\nif command -v git >/dev/null; then echo ok; fi').commands).toEqual([
      'command',
      'ls',
      'echo',
    ]);
  });
});
