/**
 * A build request: the schema main validates `build:start` with, and the type every other module
 * uses, derived from it so the two cannot drift.
 */
import { z } from 'zod';
import { absolutePath, dockerfilePath, imageTag } from '../request-fields';

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
});

/** Everything needed to run (or re-run) a build, defaults filled in. */
export type BuildRequest = z.output<typeof buildRequestSchema>;

/** Which builder the user asked for; `auto` means BuildKit where the engine has it. */
export type BuilderChoice = BuildRequest['builder'];
