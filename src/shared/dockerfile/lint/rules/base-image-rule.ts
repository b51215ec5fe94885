/**
 * DW001: a FROM without a tag, or with `latest`, builds on whatever the registry serves that day.
 */
import { From } from 'dockerfile-ast';
import { parseImageName } from '../image-family';
import { astRange, finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

/** DW001: unpinned or `latest` base image. */
export const baseImageRule: LintRule = {
  id: 'DW001',
  title: 'Pin the base image version',
  why: '"latest" moves: the same Dockerfile builds a different image next month, and a rebuild can break without any change of yours.',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const stage of source.stages) {
      const image = stage.baseImage;
      // Stages built on a stage, on scratch, or on an ARG without a default are not images we can judge.
      if (stage.parentIndex !== null || image === '' || image.includes('$') || image === 'scratch') continue;
      const { tag, digest } = parseImageName(image);
      if (digest || (tag !== null && tag !== 'latest')) continue;
      const instruction = stage.instructions[0]!;
      const range = instruction.node instanceof From ? instruction.node.getImageRange() : null;
      const place = range ? astRange(range) : wholeInstruction(instruction);
      diagnostics.push(
        finding(baseImageRule, place, {
          message:
            tag === null
              ? `"${image}" has no tag, so the builder takes "latest": write a version, e.g. ${image}:<version>.`
              : `"${image}" uses the moving "latest" tag: write a version instead.`,
        }),
      );
    }
    return diagnostics;
  },
};
