/** Layer tar specs and tree helpers shared by the contents-analysis unit tests. */
import type { FileTreeNode } from '../../../../src/shared/layers/file-tree';
import { summarizeImageContents, type LayerInput } from '../../../../src/shared/layers/image-contents';
import {
  addTarHeader,
  createLayerTarSummary,
  type LayerTarSummary,
  type TarHeaderLike,
} from '../../../../src/shared/layers/layer-tar-summary';

export const MiB = 1024 * 1024;

/** Headers as a tar reader gives them: `f` file, `d` directory, `l` symlink, `h` hard link. */
export type Spec = [kind: 'f' | 'd' | 'l' | 'h', name: string, sizeOrTarget?: number | string];

export function summary(specs: Spec[]): LayerTarSummary {
  const result = createLayerTarSummary();
  for (const [kind, name, extra] of specs) {
    const header: TarHeaderLike =
      kind === 'f'
        ? { name, type: 'file', size: Number(extra ?? 0) }
        : kind === 'd'
          ? { name, type: 'directory', size: 0 }
          : { name, type: kind === 'l' ? 'symlink' : 'link', size: 0, linkname: String(extra) };
    addTarHeader(result, header);
  }
  return result;
}

export function layers(...specs: Array<{ createdBy: string; entries: Spec[] } | null>): LayerInput[] {
  return specs.map((spec, index) => ({
    summary: spec ? summary(spec.entries) : null,
    diffId: `sha256:${String(index).padStart(64, '0')}`,
    historyIndex: index,
    createdBy: spec?.createdBy ?? '',
  }));
}

export function analyze(input: LayerInput[], limits = {}) {
  return summarizeImageContents('sha256:test', 'docker-archive', input, [], limits);
}

export function find(tree: FileTreeNode, path: string): FileTreeNode | undefined {
  if (tree.path === path) return tree;
  for (const child of tree.children) {
    const found = find(child, path);
    if (found) return found;
  }
  return undefined;
}

export function paths(tree: FileTreeNode): string[] {
  return [tree.path, ...tree.children.flatMap(paths)];
}
