/**
 * BuildKit's heredoc parser tables, run against analyzeDockerfile and the heredoc word parser.
 * Ported from moby/buildkit frontend/dockerfile/parser/parser_heredoc_test.go (TestParseExtractsHeredoc,
 * TestParseJSONHeredoc, TestParseHeredocHelpers, TestHeredocsFromLine) at commit
 * 73ed6825c4b7569379ef89df0aedcdbe64473d31.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeDockerfile,
  type DockerfileHeredoc,
} from '../../../../../src/shared/dockerfile/analyze-dockerfile';
import { heredocsInLine, parseHeredocWord } from '../../../../../src/shared/dockerfile/heredoc-words';

const heredocFile = `
FROM alpine:3.6

ENV NAME=me

RUN ls

USER <<INVALID
INVALID

RUN <<EMPTY
EMPTY

RUN 3<<EMPTY2
EMPTY2

RUN "<<NOHEREDOC"

RUN <<INDENT
\tfoo
\tbar
INDENT

RUN <<-UNINDENT
\tbaz
\tquux
UNINDENT

RUN <<-UNINDENT2
\tbaz
\tquux
\tUNINDENT2

RUN <<-EXPAND
\texpand $NAME
EXPAND

RUN <<-'NOEXPAND'
\tdon't expand $NAME
NOEXPAND

RUN <<COPY
echo hello world
echo foo bar
COPY

RUN <<COMMENT
# internal comment
echo hello world
echo foo bar # trailing comment
COMMENT

RUN --mount=type=cache,target=/foo <<MOUNT
echo hello
MOUNT

COPY <<FILE1 <<FILE2 /dest
content 1
FILE1
content 2
FILE2

COPY <<EOF /quotes
"foo"
'bar'
EOF

COPY <<X <<Y /dest
Y
X
X
Y

RUN <<COMPLEX python3
print('hello world')
COMPLEX

COPY <<file.txt /dest
hello world
file.txt

RUN <<eo'f'
echo foo
eof

RUN <<eo\\'f
echo foo
eo'f

RUN <<'e'o\\'f
echo foo
eo'f

RUN <<'one two'
echo bar
one two

RUN <<$EOF
$EOF

RUN <<  EOF
EOF

RUN <<  EOF  > foo
EOF
\t`;

const doc = (name: string, content: string, extra: Partial<DockerfileHeredoc> = {}): DockerfileHeredoc => ({
  name,
  fileDescriptor: 0,
  expand: true,
  chomp: false,
  content,
  ...extra,
});

/** The heredocs of the instructions after FROM, in order (BuildKit's `tests` table). */
const expectedHeredocs: Array<[string, DockerfileHeredoc[]]> = [
  ['ENV NAME=me', []],
  ['RUN ls', []],
  ['USER <<INVALID', []],
  ['INVALID', []],
  ['RUN <<EMPTY', [doc('EMPTY', '')]],
  ['RUN 3<<EMPTY2', [doc('EMPTY2', '', { fileDescriptor: 3 })]],
  ['RUN "<<NOHEREDOC"', []],
  ['RUN <<INDENT', [doc('INDENT', '\tfoo\n\tbar\n')]],
  ['RUN <<-UNINDENT', [doc('UNINDENT', '\tbaz\n\tquux\n', { chomp: true })]],
  ['RUN <<-UNINDENT2', [doc('UNINDENT2', '\tbaz\n\tquux\n', { chomp: true })]],
  ['RUN <<-EXPAND', [doc('EXPAND', '\texpand $NAME\n', { chomp: true })]],
  ["RUN <<-'NOEXPAND'", [doc('NOEXPAND', "\tdon't expand $NAME\n", { chomp: true, expand: false })]],
  ['RUN <<COPY', [doc('COPY', 'echo hello world\necho foo bar\n')]],
  [
    'RUN <<COMMENT',
    [doc('COMMENT', '# internal comment\necho hello world\necho foo bar # trailing comment\n')],
  ],
  ['RUN --mount=type=cache,target=/foo <<MOUNT', [doc('MOUNT', 'echo hello\n')]],
  ['COPY <<FILE1 <<FILE2 /dest', [doc('FILE1', 'content 1\n'), doc('FILE2', 'content 2\n')]],
  ['COPY <<EOF /quotes', [doc('EOF', '"foo"\n\'bar\'\n')]],
  ['COPY <<X <<Y /dest', [doc('X', 'Y\n'), doc('Y', 'X\n')]],
  ['RUN <<COMPLEX python3', [doc('COMPLEX', "print('hello world')\n")]],
  ['COPY <<file.txt /dest', [doc('file.txt', 'hello world\n')]],
  ["RUN <<eo'f'", [doc('eof', 'echo foo\n', { expand: false })]],
  ["RUN <<eo\\'f", [doc("eo'f", 'echo foo\n')]],
  ["RUN <<'e'o\\'f", [doc("eo'f", 'echo foo\n', { expand: false })]],
  ["RUN <<'one two'", [doc('one two', 'echo bar\n', { expand: false })]],
  ['RUN <<$EOF', [doc('$EOF', '')]],
  ['RUN <<  EOF', [doc('EOF', '')]],
  ['RUN <<  EOF  > foo', [doc('EOF', '')]],
];

describe('analyzeDockerfile heredocs (BuildKit TestParseExtractsHeredoc)', () => {
  const analysis = analyzeDockerfile(heredocFile);

  it('finds exactly the instructions BuildKit finds, no heredoc swallowing the rest of the file', () => {
    expect(analysis.instructions.map((instruction) => instruction.text.split('\n')[0])).toEqual([
      'FROM alpine:3.6',
      ...expectedHeredocs.map(([head]) => head),
    ]);
    expect(analysis.errors).toEqual([]);
  });

  it.each(expectedHeredocs.map(([head, heredocs], index) => [index + 1, head, heredocs] as const))(
    'reads the heredocs of instruction %i (%s)',
    (index, _head, heredocs) => {
      expect(analysis.instructions[index]?.heredocs).toEqual(heredocs);
    },
  );

  it('ends an instruction on its last terminator line and keeps the bodies in its text', () => {
    const copy = analysis.instructions.find((instruction) => instruction.text.startsWith('COPY <<X'));
    expect(copy).toMatchObject({ line: 68, endLine: 72, text: 'COPY <<X <<Y /dest\nY\nX\nX\nY' });
  });
});

describe('analyzeDockerfile exec form (BuildKit TestParseJSONHeredoc)', () => {
  const analysis = analyzeDockerfile(
    '\nFROM alpine:3.6\n\nRUN ["whoami"]\nRUN ["<<EOF"]\nRUN ["<<\'EOF\'"]\n\t',
  );

  it.each([1, 2, 3])('opens no heredoc in exec-form instruction %i', (index) => {
    expect(analysis.instructions[index]).toMatchObject({ heredocs: [], parsed: { json: true } });
  });
});

describe('parseHeredocWord (BuildKit TestParseHeredocHelpers)', () => {
  it.each(['<<EOF', "<<'EOF'", '<<"EOF"', '<<-EOF', "<<-'EOF'", '<<-"EOF"', '<<EO"F"', '<< EOF', '<<- EOF'])(
    'reads %s as a heredoc ending at EOF',
    (word) => {
      expect(parseHeredocWord(word)).toMatchObject({ name: 'EOF' });
    },
  );

  it.each(["<<'EOF", '<<"EOF', "<<EOF'", '<<EOF"'])('refuses the broken quoting of %s', (word) => {
    expect(parseHeredocWord(word)).toHaveProperty('error');
  });

  it.each(['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF', '<<EOF sh'])('does not read %j as a heredoc', (word) => {
    expect(parseHeredocWord(word)).toBeNull();
  });
});

describe('heredocsInLine (BuildKit TestHeredocsFromLine)', () => {
  // BuildKit's table lists `RUN <<- EOF` with EOF, but its loop only checks the heredocs found,
  // and BuildKit finds none there: the lexer splits `<<-` and `EOF` into two words.
  it.each([
    ['RUN <<EOF', ['EOF']],
    ['RUN <<-EOF', ['EOF']],
    ['RUN <<EOF', ['EOF']],
    ['RUN <<- EOF', []],
    ['RUN << -EOF', ['-EOF']],
    ["RUN <<'EOF'", ['EOF']],
    ['RUN 4<<EOF', ['EOF']],
    ['RUN <<EOF <<EOF2', ['EOF', 'EOF2']],
    ["RUN '<<EOF'", []],
    ['RUN "<<EOF"', []],
  ])('finds in %s the heredocs %j', (line, names) => {
    expect(heredocsInLine(line).map((heredoc) => heredoc.name)).toEqual(names);
  });
});
