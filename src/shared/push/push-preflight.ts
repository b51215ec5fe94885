/**
 * "Before you push": what a push of one tag will do, found out before anything is uploaded.
 *
 * What is exact and what is not, honestly: the destination, the login and which layers the
 * registry already holds (matched by the uncompressed diff IDs its manifests' configs list, then
 * confirmed by a HEAD on each blob) are exact. The engine compresses the other layers only while
 * pushing, so their upload sizes are the local, uncompressed sizes: an estimate.
 */
import type { ImageReference } from '../image-reference';
import type { SizeKind } from '../layers/size-kinds';
import { isOfficialImage } from '../registry/registry-name';

/** Where a login is kept (the same words as the Registries page); null when there is none. */
export type PreflightLoginSource =
  'credsStore' | 'credHelper' | 'config-auths' | 'dockwright-encrypted' | 'session';

/** The stored login for the destination registry, without its secret. */
export interface PreflightLogin {
  /** null for an identity token kept without a user name. */
  username: string | null;
  source: PreflightLoginSource;
  /** The credential helper's name (`osxkeychain`), null for the other places. */
  helper: string | null;
}

/** How far the registry could be asked. */
export type RegistryCheckStatus =
  /** The registry answered for this repository: layer states are known. */
  | 'checked'
  /** The registry asks for a login and there is none stored. */
  | 'login-needed'
  /** The stored login was refused. */
  | 'login-refused'
  /** The registry could not be reached or answered something else. */
  | 'unreachable'
  /** Not asked: the push would be refused anyway (an official Docker Hub name). */
  | 'skipped';

/** One layer of the image, base first. */
export interface PreflightLayer {
  /** The uncompressed layer's digest (`RootFS.Layers`). */
  diffId: string;
  /** The layer's size as the engine counts it locally (see `localSizeKind`). */
  localBytes: number;
  /**
   * `present`: the registry holds this layer's blob in the repository (HEAD answered 200) and this
   * engine pushed or pulled the layer there before, so it knows the blob and skips it;
   * `resend`: the registry holds the content, but this engine never pushed or pulled it there: it
   * compresses the layer anew and sends it again (measured on dockerd 20.10);
   * `upload`: no manifest of the repository lists it, so the engine will send it;
   * `unknown`: the registry could not be asked.
   */
  state: 'present' | 'resend' | 'upload' | 'unknown';
  /** The compressed blob the registry holds for this layer, when present or resent. */
  blob: { digest: string; bytes: number } | null;
}

/** A reason to look twice before pushing. */
export interface PreflightWarning {
  code: 'official-image' | 'latest-tag' | 'tag-exists';
  message: string;
}

/** The answer of `push:preflight`. */
export interface PushPreflight {
  /** The fully qualified reference the engine pushes to: `docker.io/me/app:1.0`. */
  destination: string;
  /** `Docker Hub` or `host[:port]`. */
  registry: string;
  /** The repository path in the registry (`me/app`, `library/nginx`). */
  repository: string;
  tag: string;
  /** null when no login is stored for the registry. */
  login: PreflightLogin | null;
  check: { status: RegistryCheckStatus; message: string | null };
  /** Tags of the repository whose manifests were compared (the destination tag first when it exists). */
  comparedTags: string[];
  layers: PreflightLayer[];
  /** What `localBytes` counts: file content (classic store) or blocks on disk (containerd store). */
  localSizeKind: SizeKind;
  /** Layers already in the registry and their exact compressed bytes. */
  present: { layers: number; bytes: number };
  /**
   * Layers the push will send (`upload` and `resend`). `bytes` is the sum of their local
   * uncompressed sizes: an estimate (`exact` false) unless nothing is left to send.
   */
  upload: { layers: number; bytes: number; exact: boolean };
  warnings: PreflightWarning[];
  /** How long the preflight took, in milliseconds. */
  tookMs: number;
}

/** Warnings that follow from the name alone: an official Docker Hub name, or `latest`. */
export function referenceWarnings(reference: ImageReference): PreflightWarning[] {
  const warnings: PreflightWarning[] = [];
  if (isOfficialImage(reference)) {
    const name = reference.path.slice('library/'.length);
    warnings.push({
      code: 'official-image',
      message: `"${name}" is an official Docker Hub image: only Docker can push there. Tag it in your own namespace, e.g. yourname/${name}.`,
    });
  }
  if (reference.tag === 'latest') {
    warnings.push({
      code: 'latest-tag',
      message:
        'The tag is "latest": it names no version, replaces whatever "latest" was, and nobody can pull this exact build again once it moves. Tag a version (1.0, a date, a commit) too.',
    });
  }
  return warnings;
}
