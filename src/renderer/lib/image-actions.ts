import type { BuildWarning } from '@shared/builds/build-model';

/** What a screen can do with an image; the app opens the matching dialog. */
export interface ImageActions {
  run(image: string): void;
  /** Add a tag to `source` (an id or a reference), starting from `suggestion`. */
  tag(source: string, suggestion: string): void;
  /** Push one of these tags. */
  push(tags: string[]): void;
  /** Open the Layers screen on `image`, comparing with `compareWith` when given. */
  layers(image: string, compareWith?: string | null): void;
  /**
   * Open a Dockerfile in the editor, with the last build's warnings on their lines. With a
   * `proposal`, the editor opens on that text unsaved, as a diff against the file, for the user to save.
   */
  edit(path: string, buildWarnings?: readonly BuildWarning[], proposal?: string): void;
  /** Open a terminal attached to a container started with a shell on a TTY (a debug shell), titled `title`. */
  shell(containerId: string, title: string): void;
}
