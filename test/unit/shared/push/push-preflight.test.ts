import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../../src/shared/image-reference';
import { referenceWarnings } from '../../../../src/shared/push/push-preflight';

function codes(written: string): string[] {
  const parsed = parseImageReference(written);
  if (!parsed.ok) throw new Error(parsed.message);
  return referenceWarnings(parsed.reference).map((warning) => warning.code);
}

describe('referenceWarnings', () => {
  it.each([
    ['nginx', ['official-image', 'latest-tag']],
    ['nginx:1.27', ['official-image']],
    ['library/nginx:1.27', ['official-image']],
    ['docker.io/library/nginx:1.27', ['official-image']],
    ['me/app', ['latest-tag']],
    ['me/app:latest', ['latest-tag']],
    ['me/app:1.0', []],
    ['127.0.0.1:5000/nginx:1.0', []],
    ['ghcr.io/me/app:latest', ['latest-tag']],
    ['me/app:Latest', []],
  ])('%s → %j', (written, expected) => {
    expect(codes(written)).toEqual(expected);
  });

  it('names the official image and a namespace to use instead', () => {
    const parsed = parseImageReference('nginx:1.27');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(referenceWarnings(parsed.reference)[0]?.message).toMatch(/"nginx" .* yourname\/nginx/);
  });
});
