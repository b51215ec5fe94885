import { diffLines } from './line-diff';

/** A file before and after, line by line: what writing `after` over `before` would change. */
export function DiffView({ before, after }: { before: string; after: string }) {
  return (
    <pre className="diff" data-testid="diff-view">
      {diffLines(before, after).map((line, index) => (
        <div key={index} className={`diff-${line.kind}`}>
          {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
          {line.text}
        </div>
      ))}
    </pre>
  );
}
