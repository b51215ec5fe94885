import { describe, expect, it } from 'vitest';
import { dependencyInstallOf, splitShell } from '../../../../src/shared/cache/dependency-install';

/** RUN text (shell form) → the manifests it installs from ('!' marks a required one), or null. */
const TABLE: [string, string[] | null][] = [
  ['pip install -r requirements.txt', ['requirements.txt!']],
  ['pip3 install --no-cache-dir -r requirements.txt', ['requirements.txt!']],
  [
    'python -m pip install --requirement=requirements/prod.txt -c constraints.txt',
    ['requirements/prod.txt!', 'constraints.txt!'],
  ],
  ['pip install -rrequirements.txt', ['requirements.txt!']],
  ['pip install --upgrade pip && pip install -r requirements.txt', ['requirements.txt!']],
  ['pip install -i https://pypi.example/simple -r req.txt', ['req.txt!']],
  ['uv pip install --system -r requirements.txt', ['requirements.txt!']],
  ['pip install .', null],
  ['pip install -e .', null],
  ['pip install -r requirements.txt ./vendor/pkg', null],
  ['pip install flask', null],
  ['npm ci', ['package.json!', 'package-lock.json', 'npm-shrinkwrap.json']],
  ['npm install --omit=dev', ['package.json!', 'package-lock.json', 'npm-shrinkwrap.json']],
  ['npm install express', null],
  ['npm install -g npm@10 && npm ci', ['package.json!', 'package-lock.json', 'npm-shrinkwrap.json']],
  ['npm run build', null],
  ['yarn', ['package.json!', 'yarn.lock', '.yarnrc.yml']],
  ['yarn install --frozen-lockfile', ['package.json!', 'yarn.lock', '.yarnrc.yml']],
  ['yarn build', null],
  ['pnpm install --frozen-lockfile', ['package.json!', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']],
  ['pnpm fetch', ['pnpm-lock.yaml!']],
  ['go mod download', ['go.mod!', 'go.sum']],
  ['cd /src && go mod download', ['/src/go.mod!', '/src/go.sum']],
  ['cd web; CI=1 npm ci', ['web/package.json!', 'web/package-lock.json', 'web/npm-shrinkwrap.json']],
  ['go build ./...', null],
  ['bundle install --jobs 4', null],
  ['bundle install --jobs=4', ['Gemfile!', 'Gemfile.lock']],
  ['composer install --no-scripts --no-autoloader', ['composer.json!', 'composer.lock']],
  ['mvn -B dependency:go-offline', ['pom.xml!']],
  ['mvn -f app/pom.xml dependency:resolve', ['app/pom.xml!']],
  ['mvn package', null],
  ['poetry install --no-root', ['pyproject.toml!', 'poetry.lock']],
  ['poetry install', null],
  ['pipenv install --deploy --system', ['Pipfile!', 'Pipfile.lock']],
  [
    'apt-get update && apt-get install -y gcc && pip install -r requirements.txt && rm -rf /var/lib/apt/lists/*',
    ['requirements.txt!'],
  ],
  ['apt-get update', null],
  ['pip install -r $(cat which.txt)', null],
  ['pip install -r requirements.txt > /log', null],
  ["echo 'unterminated", null],
];

describe('dependencyInstallOf', () => {
  it.each(TABLE)('%s', (line, expected) => {
    const found = dependencyInstallOf([line], false);
    expect(found?.map((manifest) => manifest.path + (manifest.required ? '!' : '')) ?? null).toEqual(
      expected,
    );
  });

  it('reads the exec form as one command', () => {
    expect(dependencyInstallOf(['pip', 'install', '-r', 'requirements.txt'], true)).toEqual([
      { path: 'requirements.txt', required: true },
    ]);
  });
});

describe('splitShell', () => {
  it('splits commands on && || ; | and line breaks, and removes quotes and escapes', () => {
    expect(splitShell(`a "b c" && d 'e f'||g; h\\ i | j\nk`)).toEqual([
      ['a', 'b c'],
      ['d', 'e f'],
      ['g'],
      ['h i'],
      ['j'],
      ['k'],
    ]);
  });

  it('gives up on what only running the shell could tell', () => {
    expect(splitShell('echo `date`')).toBeNull();
    expect(splitShell('(cd x)')).toBeNull();
  });
});
