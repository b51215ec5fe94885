import { memo } from 'react';
import Anser from 'anser';

/**
 * One line of program output with its ANSI colours rendered as styled spans (never as HTML, so
 * output can't inject markup).
 */
export const AnsiLine = memo(function AnsiLine({ text }: { text: string }) {
  if (!text.includes('\u001b[')) return <>{text}</>;
  const parts = Anser.ansiToJson(text, { json: true, remove_empty: true });
  return (
    <>
      {parts.map((part, index) => (
        <span
          key={index}
          style={{
            color: part.fg ? `rgb(${part.fg})` : undefined,
            backgroundColor: part.bg ? `rgb(${part.bg})` : undefined,
            fontWeight: part.decorations.includes('bold') ? 700 : undefined,
            fontStyle: part.decorations.includes('italic') ? 'italic' : undefined,
            textDecoration: part.decorations.includes('underline') ? 'underline' : undefined,
          }}
        >
          {part.content}
        </span>
      ))}
    </>
  );
});
