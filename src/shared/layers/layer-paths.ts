/** Paths inside a layer or an image as tar entries name them: relative, `/`-separated, no trailing slash. */

/** The folder holding `path` ('' for the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last part of `path`. */
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
