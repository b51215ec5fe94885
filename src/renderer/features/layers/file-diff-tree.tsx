import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { FileDiffChange } from '@shared/layers/file-diff';
import type { FileTreeNode } from '@shared/layers/file-tree';

/** True when `node` or something below it is shown under the filter. */
function visible(node: FileTreeNode, filter: string, shown: 'all' | FileDiffChange): boolean {
  const matches =
    node.change !== null &&
    (shown === 'all' || node.change === shown) &&
    (!filter || node.path.toLowerCase().includes(filter));
  return matches || node.children.some((child) => visible(child, filter, shown));
}

/** The file diff as a tree: folders add up the changes below them, biggest first. */
export function FileDiffTree({
  tree,
  truncated,
  filter,
  shown,
}: {
  tree: FileTreeNode;
  truncated: boolean;
  filter: string;
  shown: 'all' | FileDiffChange;
}) {
  return (
    <div className="file-diff-tree" data-testid="file-diff-tree">
      {truncated ? (
        <p className="muted small">
          Smaller entries are grouped as “…and N smaller entries”; sizes stay exact.
        </p>
      ) : null}
      <TreeNode node={tree} depth={0} filter={filter} shown={shown} />
    </div>
  );
}

function TreeNode({
  node,
  depth,
  filter,
  shown,
}: {
  node: FileTreeNode;
  depth: number;
  filter: string;
  shown: 'all' | FileDiffChange;
}) {
  // A filter opens the folders that hold matches; otherwise the top two levels start open.
  const [open, setOpen] = useState<boolean | null>(null);
  const isOpen = open ?? (depth < 2 || filter !== '');
  const children = node.children
    .filter((child) => visible(child, filter, shown))
    .sort((x, y) => y.sizeBytes - x.sizeBytes || (x.name < y.name ? -1 : 1));
  return (
    <div className="tree-node" style={{ paddingLeft: depth ? 16 : 0 }}>
      <button
        type="button"
        className="tree-row"
        onClick={() => setOpen(!isOpen)}
        aria-expanded={node.children.length ? isOpen : undefined}
        data-testid="file-diff-tree-row"
      >
        <span className="tree-name">
          {node.children.length ? (isOpen ? '▾ ' : '▸ ') : '  '}
          {node.name || '/'}
        </span>
        {node.change ? <span className={`change ${node.change}`}>{node.change}</span> : <span />}
        <span className="num">{formatSize(node.sizeBytes)}</span>
      </button>
      {isOpen
        ? children.map((child) => (
            <TreeNode key={child.path} node={child} depth={depth + 1} filter={filter} shown={shown} />
          ))
        : null}
      {isOpen && node.omittedChildren > 0 ? (
        <div className="muted small" style={{ paddingLeft: 16 }}>
          …and {node.omittedChildren} smaller entries ({formatSize(node.omittedBytes)})
        </div>
      ) : null}
    </div>
  );
}
