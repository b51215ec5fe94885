/**
 * A build request: the schema main validates `build:start` with, and the type every other module
 * uses, derived from it so the two cannot drift.
 */
import { z } from 'zod';
import { absolutePath, dockerfilePath, imageTag } from '../request-fields';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A secret for `RUN --mount=type=secret,id=…`: its bytes come from a file or from a variable of
 * Dockwright's environment at build time, and are never kept (see requestForHistory).
 */
export const buildSecretSchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .min(1, 'A secret needs an id')
      .max(100, 'A secret id has at most 100 characters')
      .regex(/^[A-Za-z0-9_.-]+$/, 'A secret id uses letters, digits, _ . and -'),
    /** Absolute path of a regular file (main reads it, capped). */
    src: absolutePath('secret file').nullable().default(null),
    /** Name of a variable in Dockwright's own environment. */
    env: z
      .string()
      .trim()
      .regex(ENV_NAME, 'A variable name uses letters, digits and _')
      .nullable()
      .default(null),
  })
  .superRefine((secret, context) => {
    if (secret.src === null && secret.env === null)
      context.addIssue({
        code: 'custom',
        path: ['src'],
        message: `Choose the file or name the variable that holds secret ${secret.id}`,
      });
    else if (secret.src !== null && secret.env !== null)
      context.addIssue({
        code: 'custom',
        path: ['env'],
        message: 'A secret comes from a file or from a variable, not both',
      });
  });

/** One build secret as asked for; in a saved record only its id is left. */
export type BuildSecret = z.output<typeof buildSecretSchema>;

/** What `build:start` accepts: everything needed to run (or re-run) a build. */
export const buildRequestSchema = z.strictObject({
  contextDir: absolutePath('build context folder'),
  /** Absolute path; null means `<contextDir>/Dockerfile`. */
  dockerfile: dockerfilePath.nullable().default(null),
  tags: z.array(imageTag).max(20).default([]),
  buildArgs: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Build arg names use letters, digits and _'),
      z.string(),
    )
    .default({}),
  target: z.string().trim().min(1).nullable().default(null),
  noCache: z.boolean().default(false),
  pull: z.boolean().default(false),
  platform: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'Write a platform as os/arch, e.g. linux/amd64')
    .nullable()
    .default(null),
  labels: z.record(z.string().min(1, 'A label needs a key'), z.string()).default({}),
  /** `auto` means BuildKit where the engine has it. */
  builder: z.enum(['auto', 'classic', 'buildkit']).default('auto'),
  /** BuildKit only; absent means none (optional so requests made before secrets stay valid). */
  secrets: z
    .array(buildSecretSchema)
    .max(20, 'At most 20 secrets')
    .superRefine((secrets, context) => {
      const seen = new Set<string>();
      secrets.forEach((secret, index) => {
        if (seen.has(secret.id))
          context.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `Secret ${secret.id} is listed twice`,
          });
        seen.add(secret.id);
      });
    })
    .optional(),
  /** BuildKit only: forwards the SSH agent of Dockwright's environment (SSH_AUTH_SOCK) as `default`. */
  ssh: z.boolean().optional(),
});

/** Everything needed to run (or re-run) a build, defaults filled in. */
export type BuildRequest = z.output<typeof buildRequestSchema>;

/** Which builder the user asked for; `auto` means BuildKit where the engine has it. */
export type BuilderChoice = BuildRequest['builder'];

/**
 * The request as the history keeps it: a secret's id only, not where its bytes came from, so a
 * saved record (and "Build again") never carries a path or variable name to a secret.
 */
export function requestForHistory(request: BuildRequest): BuildRequest {
  if (!request.secrets?.length) return request;
  return { ...request, secrets: request.secrets.map(({ id }) => ({ id, src: null, env: null })) };
}
