import { describe, expect, it } from 'vitest';
import { buildFileTree, type FileTreeNode } from '../../../../src/shared/layers/file-tree';
import { layers, analyze, find, paths, type Spec } from './layer-specs';

describe('file trees', () => {
  it('keeps the biggest nodes of a big layer and counts the rest on their parents, totals exact', () => {
    const entries: Spec[] = [['d', 'data/']];
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      const size = (i % 97) * 10 + 1;
      total += size;
      entries.push(['f', `data/d${i % 7}/f${i}`, size]);
    }
    const result = analyze(layers({ createdBy: 'a', entries }), {
      maxLayerTreeNodes: 100,
      maxFinalTreeNodes: 50,
    });
    const tree = result.layers[0]!.tree;
    expect(result.layers[0]!.truncated).toBe(true);
    expect(tree.sizeBytes).toBe(total);
    expect(tree.fileCount).toBe(3000);
    expect(paths(tree)).toHaveLength(100);
    // Every node's size is its shown children plus what was left out.
    const check = (node: FileTreeNode): void => {
      if (node.kind !== 'directory') return;
      const shown = node.children.reduce((sum, child) => sum + child.sizeBytes, 0);
      expect(shown + node.omittedBytes).toBe(node.sizeBytes);
      node.children.forEach(check);
    };
    check(tree);
    check(result.finalTree);
    expect(result.finalTruncated).toBe(true);
    expect(paths(result.finalTree)).toHaveLength(50);
    expect(result.finalTree.sizeBytes).toBe(total);
    // The biggest file survives the cut.
    expect(find(tree, '/data/d5/f96')?.sizeBytes).toBe(961);
  });

  it('sorts children by name and nests flat paths', () => {
    const { tree, truncated } = buildFileTree(
      [
        { path: 'b/2', kind: 'file', sizeBytes: 2, change: 'added', layerIndex: null },
        { path: 'a', kind: 'file', sizeBytes: 1, change: 'added', layerIndex: null },
        { path: 'b/1', kind: 'file', sizeBytes: 3, change: 'modified', layerIndex: null },
      ],
      10,
    );
    expect(truncated).toBe(false);
    expect(paths(tree)).toEqual(['/', '/a', '/b', '/b/1', '/b/2']);
    expect(tree).toMatchObject({ sizeBytes: 6, fileCount: 3, omittedChildren: 0 });
    expect(find(tree, '/b')).toMatchObject({ kind: 'directory', change: null, sizeBytes: 5, fileCount: 2 });
  });
});
