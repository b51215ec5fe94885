import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HostProvider, type Host } from '../../../../../src/renderer/lib/host';
import {
  OptionField,
  type OptionDescription,
} from '../../../../../src/renderer/features/wizard/option-field';

const host = { openExternal: async () => {} } as unknown as Host;

const option = (changes: Partial<OptionDescription>): OptionDescription => ({
  key: 'field',
  step: 'base',
  label: 'Field',
  help: 'Help with `code`.',
  kind: 'text',
  examples: [],
  ...changes,
});

const render = (described: OptionDescription, value: unknown, suggestions: string[] = []): string =>
  renderToStaticMarkup(
    <HostProvider host={host}>
      <OptionField option={described} value={value} suggestions={suggestions} onChange={() => {}} />
    </HostProvider>,
  );

/** The "Also fits" buttons, in order. */
const offered = (html: string): string[] =>
  [
    ...(/aria-label="Also fits">(.*?)<\/div>/.exec(html)?.[1] ?? '').matchAll(
      /<button[^>]*>(.*?)<\/button>/g,
    ),
  ].map((match) => match[1]!);

const nodeVersion = option({
  key: 'nodeVersion',
  label: 'Node.js version',
  kind: 'choice',
  choices: ['24', '22', '20'].map((value) => ({ value, label: `Node.js ${value}` })),
});

describe('OptionField', () => {
  it('offers the suggestions in detection’s order, the exact pin first', () => {
    expect(offered(render(nodeVersion, '22', ['20.11.1', '20']))).toEqual(['20.11.1', '20']);
  });

  it('does not offer the value the field already has', () => {
    expect(offered(render(nodeVersion, '20.11.1', ['20.11.1', '20']))).toEqual(['20']);
    expect(render(nodeVersion, '20', ['20'])).not.toContain('Also fits');
  });

  it('lists an exact pin the choices lack, labelled like them, selected when it is the answer', () => {
    const html = render(nodeVersion, '20.11.1', ['20.11.1', '20']);
    expect(html).toMatch(/<option value="3" selected="">Node\.js 20\.11\.1<\/option>/);
    expect(html).toContain('What your project states.');
  });

  it('offers only numbers to a number field and nothing to a checkbox', () => {
    expect(offered(render(option({ kind: 'number' }), 5000, ['8000', 'eight']))).toEqual(['8000']);
    expect(render(option({ kind: 'boolean' }), true, ['false'])).not.toContain('Also fits');
  });

  it('renders the help’s Markdown', () => {
    expect(render(option({}), 'x')).toContain('<p class="hint">Help with <code>code</code>.</p>');
  });

  it('puts a checkbox inside its own label, beside the label’s text', () => {
    expect(render(option({ kind: 'boolean', label: 'Use the lockfile' }), true)).toMatch(
      /<label class="check"><input id="wizard-field" type="checkbox" checked=""\/>Use the lockfile<\/label>/,
    );
  });

  it('labels the user fields visibly: name and uid for a new user, the name of an existing one', () => {
    const user = option({ key: 'user', label: 'Run as', kind: 'user' });
    const created = render(user, { kind: 'create', name: 'app', uid: 10001 });
    expect(created).toContain('<label class="field-label" for="wizard-user">Run as</label>');
    expect(created).toContain('<select id="wizard-user">');
    expect(created).toMatch(
      /<label class="sub-field"><span class="sub-label">User name<\/span><input value="app"\/>/,
    );
    expect(created).toMatch(
      /<span class="sub-label">User ID \(uid\)<\/span><input inputMode="numeric" value="10001"\/>/,
    );
    const existing = render(user, { kind: 'existing', name: 'node' });
    expect(existing).toMatch(/<span class="sub-label">Existing user<\/span><input value="node"\/>/);
    expect(existing).not.toContain('uid');
  });

  it('heads the variable rows with Name and Value, once there are rows', () => {
    const env = option({ key: 'env', label: 'Environment variables', kind: 'env' });
    const html = render(env, [{ name: 'A', value: '1' }]);
    expect(html).toContain(
      '<div class="row-heads" aria-hidden="true"><span>Name</span><span>Value</span></div>',
    );
    expect(html).toContain('aria-label="Variable 1 name"');
    expect(render(env, [])).not.toContain('row-heads');
  });
});
