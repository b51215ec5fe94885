import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WIZARD_TEMPLATES } from '@shared/wizard/wizard-templates';
import { HostProvider, type Host } from '../../../../../src/renderer/lib/host';
import { WizardMarkdown } from '../../../../../src/renderer/features/wizard/wizard-markdown';

const host = { openExternal: async () => {} } as unknown as Host;

const render = (text: string, inline = false): string =>
  renderToStaticMarkup(
    <HostProvider host={host}>
      <WizardMarkdown text={text} inline={inline} />
    </HostProvider>,
  );

/** The text a reader sees: the markup without its tags, entities decoded. */
const visible = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');

describe('WizardMarkdown', () => {
  it('draws inline code as <code>, without the backticks', () => {
    expect(render('Run `pip install -r requirements.txt` first.')).toBe(
      '<p>Run <code>pip install -r requirements.txt</code> first.</p>',
    );
  });

  it('draws emphasis and strong emphasis', () => {
    expect(render('It is *never* **root**.', true)).toBe('It is <em>never</em> <strong>root</strong>.');
  });

  it('leaves out the paragraph when the text sits inside a line of its own', () => {
    expect(render('Use `/app`.', true)).toBe('Use <code>/app</code>.');
  });

  it.each([
    ['<script>alert(1)</script>', '<script>'],
    ['<img src=x onerror="alert(1)">', '<img'],
    ['docker run <image> <command>', '<image'],
    ['<b>bold</b> and <a href="javascript:alert(1)">x</a>', '<b>'],
  ])('shows raw HTML as text, never as elements: %s', (text, tag) => {
    const html = render(text);
    expect(html).not.toContain(tag);
    expect(visible(html)).toBe(text);
  });

  it('draws an http link as a button that opens the browser, with its address as title', () => {
    expect(render('See [the docs](https://docs.docker.com/).', true)).toBe(
      'See <button type="button" class="link" title="https://docs.docker.com/">the docs</button>.',
    );
  });

  it('keeps other links as their text only', () => {
    expect(render('[click](javascript:alert(1)) or [file](file:///etc/passwd)', true)).toBe('click or file');
  });

  it('flattens headings, lists and images to their text', () => {
    const html = render('# Title\n\n- one\n- two\n\n![alt](http://x/y.png)');
    expect(html).not.toMatch(/<(h1|ul|li|img)/);
    expect(visible(html)).toContain('Title');
    expect(visible(html)).toContain('one');
  });

  // Every explanation, help and choice detail reads as written: Markdown changes only the
  // backticks into code, never a `*` or `_` of a glob or a name into emphasis.
  const texts = WIZARD_TEMPLATES.flatMap((template) => [
    ...template.steps.map((step) => [`${template.id} step ${step.id}`, step.explanation, false] as const),
    ...(
      template.options as readonly { key: string; help: string; choices?: { detail?: string }[] }[]
    ).flatMap((option) => [
      [`${template.id} ${option.key} help`, option.help, true] as const,
      ...(option.choices ?? []).flatMap((choice, index) =>
        choice.detail ? [[`${template.id} ${option.key} choice ${index}`, choice.detail, true] as const] : [],
      ),
    ]),
  ]);
  it.each(texts)('renders the %s as written, with code for its backticks', (_name, text, inline) => {
    const html = render(text, inline);
    expect(html).not.toMatch(/<(em|strong|a|button)\b/);
    expect(visible(html)).toBe(text.replaceAll('`', ''));
  });
});
