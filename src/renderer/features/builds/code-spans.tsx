/** A sentence whose `backticked` names (packages, commands, files) show as code. */
export function CodeSpans({ text }: { text: string }) {
  return (
    <>{text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>
  );
}
