/**
 * Field schemas that several request schemas share: absolute paths, Dockerfile paths and image
 * tags, each checked with the rule the engine or the main process applies later.
 */
import { z } from 'zod';
import { dockerfileNameProblem } from './dockerfile/dockerfile-name';
import { parseImageReference } from './image-reference';
import { TEXT_MAX_BYTES, utf8Max } from './utf8-max';

/** An absolute path (POSIX, drive letter or UNC), trimmed; `what` names it in the messages. */
export const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Choose the ${what}`)
    .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), {
      error: `The ${what} must be an absolute path`,
    });

/**
 * Every channel reads and writes Dockerfiles only: the renderer gets no general file access.
 * `Dockerfile`, `Containerfile`, `Dockerfile.dev`, `dev.Dockerfile`, `app.dockerfile`, but not
 * `Dockerfile.sh` (see dockerfileNameProblem); main also checks what a link points to.
 */
export const dockerfilePath = absolutePath('Dockerfile').superRefine((path, context) => {
  const problem = dockerfileNameProblem(path);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** A tag to give a built image: a reference by the engine's grammar, without a digest. */
export const imageTag = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const parsed = parseImageReference(value);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.reference.digest)
      context.addIssue({ code: 'custom', message: 'A tag cannot contain a digest (@sha256:…).' });
  });

/** A file's contents on the wire, capped in UTF-8 bytes (the unit the wire and the disk count in). */
export const fileText = z.string().superRefine(utf8Max(TEXT_MAX_BYTES));
