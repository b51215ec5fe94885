/**
 * A run request: the schema main validates `run:start` with, and the type the container runner
 * uses, derived from it so the two cannot drift.
 */
import { z } from 'zod';
import { absolutePath } from './request-fields';

/** What `run:start` accepts: the Run form's image, name, ports, env, mounts and command. */
export const runRequestSchema = z.strictObject({
  image: z.string().trim().min(1, 'Choose an image to run'),
  name: z
    .string()
    .trim()
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
      'Names use letters, digits, "_", "." and "-", starting with a letter or digit',
    )
    .nullable()
    .default(null),
  ports: z
    .array(
      z.strictObject({
        hostPort: z.number().int().min(1, 'Ports go from 1 to 65535').max(65535, 'Ports go from 1 to 65535'),
        containerPort: z.number().int().min(1).max(65535),
        protocol: z.enum(['tcp', 'udp']).default('tcp'),
      }),
    )
    .max(50)
    .default([]),
  env: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Variable names use letters, digits and _'),
      z.string(),
    )
    .default({}),
  /** Host folders (bind) or named volumes mounted into the container. */
  mounts: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({
          type: z.literal('bind'),
          source: absolutePath('host folder'),
          target: z.string().regex(/^\//, 'The path inside the container must start with /'),
          readOnly: z.boolean().default(false),
        }),
        z.strictObject({
          type: z.literal('volume'),
          source: z
            .string()
            .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Volume names use letters, digits, "_", "." and "-"'),
          target: z.string().regex(/^\//, 'The path inside the container must start with /'),
          readOnly: z.boolean().default(false),
        }),
      ]),
    )
    .max(20)
    .default([]),
  /** Exec-form command override (split from text by the form); null keeps the image's CMD. */
  command: z.array(z.string()).min(1, 'Enter a command or leave it empty').nullable().default(null),
  removeWhenStopped: z.boolean().default(true),
  /** docker run -it: a TTY and open stdin, for a terminal attached to the main process. */
  interactive: z.boolean().default(false),
});

/** What the Run form sends, after validation (defaults filled in). */
export type RunRequest = z.output<typeof runRequestSchema>;
