/**
 * What counts as build-only content: OS packages that compile or fetch code (compilers, build tools,
 * `-dev` headers, language toolchains) and folders that only a build reads or fills (the Go
 * toolchain, module and build caches, package-manager caches, `.git`). An app that runs needs none
 * of them, so a multi-stage build can leave them in the build stage.
 */

/** Why an item is build-only. */
export type BuildOnlyCategory =
  'compiler' | 'build-tool' | 'dev-package' | 'toolchain' | 'cache' | 'dev-dependency' | 'git';

/** A rule's answer for one package name: its category and what it is, in words. */
export interface PackageRule {
  category: BuildOnlyCategory;
  what: string;
}

interface NameRule extends PackageRule {
  test: RegExp;
}

// Order matters: the first rule that matches names the package (a `-dev` of a compiler is a header package).
const PACKAGE_RULES: NameRule[] = [
  // `gcc-12-base` and `libgcc-s1` are the C runtime every program links: not build-only.
  { test: /^(gcc|g\+\+|cpp|gfortran)(-\d+)?$/, category: 'compiler', what: 'C/C++ compiler' },
  {
    test: /^(gcc|g\+\+|cpp)(-\d+)?-x86-64-linux-gnu$|^(gcc|g\+\+|cpp)(-\d+)?-aarch64-linux-gnu$/,
    category: 'compiler',
    what: 'C/C++ compiler',
  },
  { test: /^(clang|llvm|lld)(-\d+)?$/, category: 'compiler', what: 'C/C++ compiler' },
  // gcc's own libraries, installed only because gcc needs them.
  { test: /^(libcc1-0|libisl\d+|libmpc3|libmpfr\d+)$/, category: 'compiler', what: 'part of the C compiler' },
  {
    test: /^binutils(-.+)?$|^libbinutils$|^libctf(-nobfd)?0$|^libgprofng0$|^libsframe\d+$/,
    category: 'build-tool',
    what: 'assembler and linker',
  },
  {
    test: /^(make|build-essential|build-base|alpine-sdk|cmake|ninja-build|ninja|autoconf|automake|libtool|pkg-config|pkgconf|dpkg-dev|fortify-headers)$/,
    category: 'build-tool',
    what: 'build tool',
  },
  { test: /^(maven|gradle)$/, category: 'build-tool', what: 'Java build tool' },
  {
    test: /^(golang|go)$|^golang-(\d+\.\d+-)?(go|src)$|^golang-\d+\.\d+$/,
    category: 'toolchain',
    what: 'Go toolchain',
  },
  {
    test: /^(rustc|cargo|rust)$|^rustc-web$|^libstd-rust-(\d[\w.-]*|dev)$/,
    category: 'toolchain',
    what: 'Rust toolchain',
  },
  // A JDK compiles; a JRE (`-jre`, `-jre-headless`) only runs.
  {
    test: /^openjdk-?\d+-jdk(-headless)?$|^openjdk\d+(-jdk)?$|^default-jdk(-headless)?$/,
    category: 'toolchain',
    what: 'Java compiler (JDK)',
  },
  { test: /-dev$|-devel$/, category: 'dev-package', what: 'development headers' },
];

/** The rule for an OS package name (dpkg or apk), or null when it is no build-only package. */
export function packageRule(name: string): PackageRule | null {
  const rule = PACKAGE_RULES.find((candidate) => candidate.test.test(name));
  return rule ? { category: rule.category, what: rule.what } : null;
}

/** A folder rule: the path segments that start it, and where they may sit. */
interface PathRule {
  /** Consecutive path segments that make the folder. */
  segments: string[];
  /** True: only at the image root (`usr/local/go`); false: at any depth (`…/.git`). */
  rootOnly: boolean;
  category: BuildOnlyCategory;
  what: string;
}

const PATH_RULES: PathRule[] = [
  { segments: ['usr', 'local', 'go'], rootOnly: true, category: 'toolchain', what: 'Go toolchain' },
  // GOPATH is /go in the golang image and ~/go elsewhere.
  { segments: ['go', 'pkg', 'mod'], rootOnly: false, category: 'cache', what: 'Go module cache' },
  { segments: ['.cache', 'go-build'], rootOnly: false, category: 'cache', what: 'Go build cache' },
  { segments: ['.m2'], rootOnly: false, category: 'cache', what: 'Maven repository' },
  { segments: ['.gradle', 'caches'], rootOnly: false, category: 'cache', what: 'Gradle cache' },
  { segments: ['.npm'], rootOnly: false, category: 'cache', what: 'npm cache' },
  { segments: ['.cache', 'yarn'], rootOnly: false, category: 'cache', what: 'Yarn cache' },
  { segments: ['.cache', 'pip'], rootOnly: false, category: 'cache', what: 'pip cache' },
  { segments: ['.git'], rootOnly: false, category: 'git', what: 'Git repository' },
];

/** Where a file falls under a folder rule: the folder (relative, no trailing slash) and the rule's words. */
export interface PathMatch {
  root: string;
  category: BuildOnlyCategory;
  what: string;
}

/**
 * The folder rule that claims `path` (relative to the image root), or null. The outermost folder
 * wins, so each file is counted once: a `.git` inside the Go module cache is module cache.
 * The folder itself must be a directory on the way to the file: a file named `.npm` is not a cache.
 */
export function pathRule(path: string): PathMatch | null {
  const parts = path.split('/');
  // The last segment is the file itself, never the folder a rule names.
  for (let start = 0; start < parts.length - 1; start++) {
    for (const rule of PATH_RULES) {
      if (rule.rootOnly && start !== 0) continue;
      const end = start + rule.segments.length;
      if (end > parts.length - 1) continue;
      if (rule.segments.every((segment, offset) => parts[start + offset] === segment))
        return { root: parts.slice(0, end).join('/'), category: rule.category, what: rule.what };
    }
  }
  return null;
}
