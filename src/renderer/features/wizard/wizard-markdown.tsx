import Markdown, { type Components } from 'react-markdown';
import { useHost } from '../../lib/host';

/** What an explanation may use: a paragraph of inline code, emphasis and links. */
const BLOCK_ELEMENTS = ['p', 'code', 'em', 'strong', 'a'];
/** Option help and choice details sit inside a line of their own: no paragraph of their own. */
const INLINE_ELEMENTS = ['code', 'em', 'strong', 'a'];

/**
 * A template's explanation, option help or choice detail, with its Markdown (`code`, *emphasis*,
 * links) drawn as React elements.
 *
 * Raw HTML is never interpreted: react-markdown turns it into plain text (a help saying
 * `docker run <image>` keeps its `<image>`), and anything outside the short element list is
 * unwrapped to its text. Links open in the user's browser through the host like every other
 * link of the app; anything but http(s) stays text.
 */
export function WizardMarkdown({ text, inline = false }: { text: string; inline?: boolean }) {
  const host = useHost();
  const components: Components = {
    a: ({ href, children }) =>
      href && /^https?:\/\//i.test(href) ? (
        <button type="button" className="link" title={href} onClick={() => void host.openExternal(href)}>
          {children}
        </button>
      ) : (
        <>{children}</>
      ),
  };
  return (
    <Markdown
      allowedElements={inline ? INLINE_ELEMENTS : BLOCK_ELEMENTS}
      unwrapDisallowed
      components={components}
    >
      {text}
    </Markdown>
  );
}
