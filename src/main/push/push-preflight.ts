/**
 * `push:preflight`: the destination, the stored login, the layers the registry already holds and
 * the bytes left to upload for one tag, before anything is pushed. Reads only: the engine for the
 * image, the credential stores for the login, GET/HEAD on the registry.
 */
import type Docker from 'dockerode';
import { parseImageReference } from '../../shared/image-reference';
import { historySizeKind } from '../../shared/layers/size-kinds';
import {
  referenceWarnings,
  type PreflightLayer,
  type PreflightLogin,
  type PushPreflight,
  type RegistryCheckStatus,
} from '../../shared/push/push-preflight';
import { isOfficialImage, registryName } from '../../shared/registry/registry-name';
import { fail, ok, type Result } from '../../shared/result';
import { CredentialStoreError, type CredentialStore } from '../registry/credentials';
import { createRepositoryClient, RegistryRequestError, type RegistrySecret } from './registry-client';
import { findRepositoryLayers, MANIFEST_ACCEPT, type RepositoryLayers } from './registry-layers';
import { readLocalLayers } from './local-layers';
import { layersKnownOnRegistry } from './engine-known-layers';

/** Answers a preflight for `written` (a local image's tag), or why it cannot. */
export async function pushPreflight(
  docker: Docker,
  credentials: CredentialStore,
  written: string,
  signal?: AbortSignal,
): Promise<Result<PushPreflight>> {
  const started = performance.now();
  const parsed = parseImageReference(written);
  if (!parsed.ok) return fail('VALIDATION', parsed.message, { field: 'reference' });
  const reference = parsed.reference;
  if (reference.tag === null || reference.digest !== null) {
    return fail('VALIDATION', 'Push a tag, not a digest: write the name with a tag such as :1.0.', {
      field: 'reference',
    });
  }
  const registry = registryName(reference.dockerHub ? '' : reference.domain);

  let storedSecret: RegistrySecret | null = null;
  let login: PreflightLogin | null = null;
  try {
    const credential = await credentials.get(registry.key);
    if (credential) {
      login = { username: credential.username, source: credential.source, helper: credential.helper };
      storedSecret =
        credential.kind === 'identity-token'
          ? { kind: 'identity-token', token: credential.secret }
          : { kind: 'password', username: credential.username ?? '', password: credential.secret };
    }
  } catch (error) {
    if (error instanceof CredentialStoreError) return fail('CREDENTIALS', error.message);
    throw error;
  }

  const local = await readLocalLayers(docker, written, signal);

  const warnings = referenceWarnings(reference);
  let status: RegistryCheckStatus = 'checked';
  let message: string | null = null;
  let found: RepositoryLayers | null = null;
  let known = new Set<string>();
  if (isOfficialImage(reference)) {
    status = 'skipped';
    message = 'Not asked: Docker Hub refuses pushes to official image names.';
  } else {
    const client = createRepositoryClient({
      domain: reference.domain,
      repository: reference.path,
      secret: storedSecret,
      signal,
    });
    // Asked of the engine while the registry answers; awaited below, so a failure is not lost.
    const knownToEngine = layersKnownOnRegistry(
      docker,
      { domain: reference.domain, repository: reference.path },
      async (digest) => (await client.request('HEAD', `manifests/${digest}`, MANIFEST_ACCEPT)).status === 200,
      signal,
    );
    knownToEngine.catch(() => undefined);
    try {
      found = await findRepositoryLayers(client, {
        tag: reference.tag,
        diffIds: local.diffIds,
        platform: local.platform,
      });
    } catch (error) {
      if (!(error instanceof RegistryRequestError)) throw error;
      const problem = error.problem;
      status =
        problem.kind === 'unreachable' ? 'unreachable' : problem.withLogin ? 'login-refused' : 'login-needed';
      message =
        status === 'login-needed'
          ? `${registry.displayName} lists its layers only after a login: log in to see which layers it already has.`
          : problem.message;
    }
    known = await knownToEngine;
  }

  const layers: PreflightLayer[] = local.diffIds.map((diffId) => {
    const blob = found?.present.get(diffId) ?? null;
    return {
      diffId,
      localBytes: local.sizes.get(diffId) ?? 0,
      state: found === null ? 'unknown' : !blob ? 'upload' : known.has(diffId) ? 'present' : 'resend',
      blob,
    };
  });
  // A layer listed twice in an image is one blob, sent once.
  const distinct = [...new Map(layers.map((layer) => [layer.diffId, layer])).values()];
  const presentLayers = distinct.filter((layer) => layer.state === 'present');
  const uploadLayers = distinct.filter((layer) => layer.state !== 'present');
  if (found?.destinationDigest) {
    warnings.push({
      code: 'tag-exists',
      message: `${reference.tag} already exists in ${registry.displayName}: this push replaces it.`,
    });
  }

  return ok({
    destination: reference.canonical,
    registry: registry.displayName,
    repository: reference.path,
    tag: reference.tag,
    login,
    check: { status, message },
    comparedTags: found?.comparedTags ?? [],
    layers,
    localSizeKind: historySizeKind(local.imageStore),
    present: {
      layers: presentLayers.length,
      bytes: presentLayers.reduce((sum, layer) => sum + (layer.blob?.bytes ?? 0), 0),
    },
    upload: {
      layers: uploadLayers.length,
      bytes: uploadLayers.reduce((sum, layer) => sum + layer.localBytes, 0),
      exact: uploadLayers.length === 0,
    },
    warnings,
    tookMs: Math.round(performance.now() - started),
  });
}
