/**
 * DW002: the final image should not run its command as root.
 *
 * Decision for images without any USER: a warning, except for official server images (postgres,
 * redis, nginx…) whose entrypoint or master process drops root by itself — those get an info, as
 * adding USER to them can break their start-up (ownership fixes, port 80). Images whose name
 * promises a non-root user (`…:nonroot`, `nginx-unprivileged`) pass.
 */
import { isServiceImage, setsNonRootUser } from '../image-family';
import { finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

const ROOT_WHY =
  'A program running as root inside a container can change every file of the image, and a container escape starts with root rights on the host.';

/** DW002: the final stage runs as root. */
export const userRule: LintRule = {
  id: 'DW002',
  title: 'Run as a non-root user',
  why: ROOT_WHY,
  severity: 'warning',
  fixable: false,
  check(source) {
    const finalStage = source.stages.at(-1);
    if (!finalStage) return [];
    const users = source.instructions.filter(
      (instruction) => instruction.keyword === 'USER' && source.finalChain.has(instruction.stageIndex),
    );
    const lastUser = users.at(-1);
    const diagnostics: LintDiagnostic[] = [];
    if (lastUser) {
      const name = lastUser.content.text.trim().split(':')[0] ?? '';
      if (name === 'root' || name === '0') {
        diagnostics.push(
          finding(userRule, wholeInstruction(lastUser), {
            message: 'The last USER is root, so the container runs its command as root.',
          }),
        );
      }
      return diagnostics;
    }
    if (setsNonRootUser(finalStage.rootImage)) return diagnostics;
    const fromLine = wholeInstruction(finalStage.instructions[0]!);
    if (isServiceImage(finalStage.rootImage)) {
      diagnostics.push(
        finding(userRule, fromLine, {
          severity: 'info',
          message: `No USER: the container starts as root, and "${finalStage.rootImage}" switches to its own user itself.`,
          why: 'Official server images start as root to fix file ownership, then drop to an unprivileged user; add USER only if it must never start as root.',
        }),
      );
    } else {
      diagnostics.push(
        finding(userRule, fromLine, {
          message:
            'The final stage has no USER, so the container runs as root: create a user and switch to it.',
        }),
      );
    }
    return diagnostics;
  },
};
