import { formatSize } from '@shared/format-size';
import { sizeKindWords } from '@shared/layers/size-kinds';
import type { PreflightLayer, PreflightLogin, PushPreflight } from '@shared/push/push-preflight';
import { usePushPreflight } from './api/registry-queries';

/** Where a stored login lives, in the words of the Registries page. */
function storedWhere(login: PreflightLogin): string {
  switch (login.source) {
    case 'session':
      return 'kept for this session only';
    case 'dockwright-encrypted':
      return 'saved encrypted in Dockwright’s data';
    case 'config-auths':
      return 'saved in the docker config.json';
    case 'credsStore':
    case 'credHelper':
      return `saved with docker-credential-${login.helper ?? '?'}`;
  }
}

function layerState(layer: PreflightLayer, preflight: PushPreflight): string {
  if (layer.state === 'present' && layer.blob)
    return `already there (${formatSize(layer.blob.bytes)} compressed)`;
  if (layer.state === 'resend')
    return `in the registry, but sent again (~${formatSize(layer.localBytes)} ${sizeKindWords(preflight.localSizeKind)}): this engine never pushed or pulled it there, so it does not know the registry’s copy`;
  if (layer.state === 'upload')
    return `to upload (~${formatSize(layer.localBytes)} ${sizeKindWords(preflight.localSizeKind)})`;
  return 'not checked';
}

/** The upload in a headline and a sentence saying what is exact and what is an estimate. */
function uploadSentence(preflight: PushPreflight): [string, string] {
  const total = new Set(preflight.layers.map((layer) => layer.diffId)).size;
  const { upload, present } = preflight;
  if (preflight.check.status !== 'checked')
    return [
      `${total} layers, ${formatSize(upload.bytes)} ${sizeKindWords(preflight.localSizeKind)} before compression.`,
      'Which of them the registry already has is not known.',
    ];
  if (upload.layers === 0)
    return [
      'Nothing to upload but the manifest.',
      `The registry already has all ${total} layers (${formatSize(present.bytes)} compressed, exact).`,
    ];
  const already =
    present.layers > 0
      ? ` The other ${present.layers} (${formatSize(present.bytes)} compressed, exact) are already there.`
      : '';
  return [
    `Uploads ${upload.layers} of ${total} layers: about ${formatSize(upload.bytes)}.`,
    `That is their size before compression, an estimate: the engine compresses layers only while pushing, so fewer bytes usually go out (about as many for data that does not compress).${already}`,
  ];
}

/** "Before you push": destination, login, layers the registry has, bytes to upload, warnings. */
export function PushPreflightView({ reference }: { reference: string }) {
  const query = usePushPreflight(reference);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Checking what the registry already has…
      </p>
    );
  if (query.isError)
    return (
      <p className="error-text" role="alert">
        Could not check before pushing: {query.error.message}
      </p>
    );
  const preflight = query.data;
  const [headline, explanation] = uploadSentence(preflight);
  return (
    <section className="callout" aria-label="Before you push" data-testid="push-preflight">
      <h3>Before you push</h3>
      <p>
        Destination: <code data-testid="preflight-destination">{preflight.destination}</code>
      </p>
      <p data-testid="preflight-login">
        {preflight.login
          ? `Logged in to ${preflight.registry} as ${preflight.login.username ?? '(token)'}, ${storedWhere(preflight.login)}.`
          : `Not logged in to ${preflight.registry}.`}
      </p>
      {preflight.check.message ? <p className="warning-text">{preflight.check.message}</p> : null}
      {preflight.warnings.map((warning) => (
        <p key={warning.code} className="warning-text" data-testid={`preflight-warning-${warning.code}`}>
          ⚠ {warning.message}
        </p>
      ))}
      <p data-testid="preflight-upload">
        <strong>{headline}</strong> {explanation}
      </p>
      {preflight.comparedTags.length > 0 ? (
        <p className="hint">
          Compared with the registry’s {preflight.comparedTags.map((tag) => `:${tag}`).join(', ')} (checked in{' '}
          {preflight.tookMs} ms).
        </p>
      ) : null}
      <table className="images" data-testid="preflight-layers">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Local size</th>
            <th>In the registry</th>
          </tr>
        </thead>
        <tbody>
          {preflight.layers.map((layer, index) => (
            <tr key={`${index}-${layer.diffId}`} data-state={layer.state}>
              <td>
                <code title={layer.diffId}>{layer.diffId.replace('sha256:', '').slice(0, 12)}</code>
              </td>
              <td>{formatSize(layer.localBytes)}</td>
              <td>{layerState(layer, preflight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
