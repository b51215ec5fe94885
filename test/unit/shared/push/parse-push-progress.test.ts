import { describe, expect, it } from 'vitest';
import { createPushParser } from '../../../../src/shared/push/parse-push-progress';

describe('createPushParser', () => {
  it('follows a layer from Preparing through Pushing to Pushed, clamping current to total', () => {
    const parser = createPushParser();
    parser.push({ status: 'Preparing', progressDetail: {}, id: 'aaa' });
    parser.push({ status: 'Pushing', progressDetail: { current: 512, total: 1000 }, id: 'aaa' });
    expect(
      parser.push({ status: 'Pushing', progressDetail: { current: 1200, total: 1000 }, id: 'aaa' }),
    ).toEqual([
      { kind: 'layer', layer: { id: 'aaa', status: 'Pushing', current: 1000, total: 1000, detail: null } },
    ]);
    expect(parser.push({ status: 'Pushed', progressDetail: {}, id: 'aaa' })).toEqual([
      { kind: 'layer', layer: { id: 'aaa', status: 'Pushed', current: 1000, total: 1000, detail: null } },
    ]);
  });

  it('keeps the countdown of a retry as the layer detail, and drops it when pushing again', () => {
    const parser = createPushParser();
    parser.push({ status: 'Pushing', progressDetail: { current: 10, total: 80 }, id: 'bbb' });
    // The engine's words while the registry is gone (engine 20.10, this project's runs).
    expect(parser.push({ status: 'Retrying in 5 seconds', progressDetail: {}, id: 'bbb' })).toEqual([
      {
        kind: 'layer',
        layer: { id: 'bbb', status: 'Retrying', current: 10, total: 80, detail: 'Retrying in 5 seconds' },
      },
    ]);
    expect(parser.push({ status: 'Retrying in 1 second', progressDetail: {}, id: 'bbb' })[0]).toMatchObject({
      layer: { detail: 'Retrying in 1 second' },
    });
    expect(
      parser.push({ status: 'Pushing', progressDetail: { current: 0, total: 80 }, id: 'bbb' })[0],
    ).toMatchObject({
      layer: { status: 'Pushing', detail: null },
    });
  });

  it('keeps where a mounted layer came from', () => {
    const parser = createPushParser();
    expect(parser.push({ status: 'Mounted from team/base', progressDetail: {}, id: 'ccc' })[0]).toMatchObject(
      {
        layer: { status: 'Mounted', detail: 'Mounted from team/base' },
      },
    );
  });

  it('reports each finished tag with its digest, and the in-stream error as the failure', () => {
    const parser = createPushParser();
    expect(parser.push({ progressDetail: {}, aux: { Tag: '1.0', Digest: 'sha256:abc', Size: 738 } })).toEqual(
      [{ kind: 'tag-done', tag: '1.0', digest: 'sha256:abc', size: 738 }],
    );
    expect(parser.error()).toBeNull();
    const message = 'dial tcp 127.0.0.1:45837: connect: connection refused';
    expect(parser.push({ errorDetail: { message }, error: message })).toEqual([]);
    expect(parser.error()).toBe(message);
  });

  it('ignores the per-tag banner and statuses it does not know', () => {
    const parser = createPushParser();
    expect(parser.push({ status: 'The push refers to repository [127.0.0.1:5000/app]' })).toEqual([]);
    expect(parser.push({ status: 'Something new', id: 'ddd' })).toEqual([]);
  });
});
