import { describe, expect, it } from 'vitest';
import { mainClassOf } from '../../../../src/main/wizard/java-main-classes';

describe('mainClassOf', () => {
  it.each([
    [
      'Main.java',
      'package a.b;\npublic class Main { public static void main(String[] args) {} }',
      'a.b.Main',
    ],
    ['Tool.java', 'public final class Tool { static public void main(final String... args) {} }', 'Tool'],
    ['Cli.java', 'package c;\nclass Cli { public static void main(String args[]) {} }', 'c.Cli'],
    ['Cli.java', 'package c;\nclass Cli { /* public static void main(String[] a) */ }', null],
    ['Helper.java', 'package c;\nclass Helper { void main() {} }', null],
    ['app.kt', 'package k\n\nfun main(args: Array<String>) {}\n', 'k.AppKt'],
    ['Server.kt', 'package k\n\nobject Server {\n    fun main() {}\n}\n', null],
  ])('%s → %s', (file, source, expected) => {
    expect(mainClassOf(file, source)).toBe(expected);
  });
});
