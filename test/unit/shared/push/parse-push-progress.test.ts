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

/** Messages as engine 26.1 with the containerd image store sent them in this project's runs. */
describe('createPushParser on the containerd image store', () => {
  const digest = 'sha256:97c5706b657602dcc4563c3f6e80742f1a7a48402be155d09e815c1fa0b95182';

  it('takes the digest from the status line, the only place 26.1 names it', () => {
    const parser = createPushParser();
    expect(parser.push({ status: `1: digest: ${digest} size: 970` })).toEqual([
      { kind: 'tag-done', tag: '1', digest, size: 970 },
    ]);
  });

  it('reports a tag once when engine 20.10 names it on the status line and then in aux', () => {
    const parser = createPushParser();
    expect(parser.push({ status: `1.0: digest: ${digest} size: 738`, progressDetail: {} })).toHaveLength(1);
    expect(parser.push({ progressDetail: {}, aux: { Tag: '1.0', Digest: digest, Size: 738 } })).toEqual([]);
  });

  it('does not take a layer status or a malformed line for a digest', () => {
    const parser = createPushParser();
    expect(parser.push({ status: `x: digest: ${digest} size: 9`, id: 'aaa' })).toEqual([]);
    expect(parser.push({ status: '1: digest: sha256:abc size: 970' })).toEqual([]);
  });

  it('sends no event for a restated layer state, and says it was only a repeat', () => {
    const parser = createPushParser();
    const pushing = {
      status: 'Pushing',
      progressDetail: { current: 1064331, total: 1064331 },
      progress: '[==================================================>]  1.064MB/1.064MB',
      id: '4ed0ec0c0078',
    };
    expect(parser.push(pushing)).toHaveLength(1);
    expect(parser.repeated()).toBe(false);
    expect(parser.push(pushing)).toEqual([]);
    expect(parser.repeated()).toBe(true);
    expect(parser.push({ status: 'Waiting', progressDetail: {}, id: 'e126ea80e696' })).toHaveLength(1);
    expect(parser.repeated()).toBe(false);
    expect(parser.push({ status: 'Pushed', progressDetail: {}, id: '4ed0ec0c0078' })[0]).toMatchObject({
      layer: { status: 'Pushed', current: 1064331, total: 1064331 },
    });
  });

  it('starts a layer at Pushing with a size and no bytes yet (26.1 never says Preparing)', () => {
    const parser = createPushParser();
    expect(
      parser.push({ status: 'Pushing', progressDetail: { total: 1064331 }, id: '4ed0ec0c0078' }),
    ).toEqual([
      {
        kind: 'layer',
        layer: { id: '4ed0ec0c0078', status: 'Pushing', current: 0, total: 1064331, detail: null },
      },
    ]);
  });

  it("counts a blob the registry already has as done, in the engine's words", () => {
    const parser = createPushParser();
    expect(parser.push({ status: 'Already exists', progressDetail: {}, id: 'fff' })[0]).toMatchObject({
      layer: { status: 'Already exists' },
    });
  });
});

describe('createPushParser when the tag is done', () => {
  it('finishes the layers 26.1 last left at Waiting or Pushing, before the tag', () => {
    const parser = createPushParser();
    parser.push({ status: 'Waiting', progressDetail: {}, id: 'aaa' });
    parser.push({ status: 'Pushing', progressDetail: { current: 100, total: 3449 }, id: 'bbb' });
    parser.push({ status: 'Pushed', progressDetail: {}, id: 'ccc' });
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(parser.push({ status: `1: digest: ${digest} size: 971` })).toEqual([
      { kind: 'layer', layer: { id: 'aaa', status: 'Pushed', current: 0, total: null, detail: null } },
      { kind: 'layer', layer: { id: 'bbb', status: 'Pushed', current: 3449, total: 3449, detail: null } },
      { kind: 'tag-done', tag: '1', digest, size: 971 },
    ]);
  });

  it('leaves the layers alone when the push fails', () => {
    const parser = createPushParser();
    parser.push({ status: 'Pushing', progressDetail: { current: 100, total: 3449 }, id: 'bbb' });
    const message = 'failed commit on ref "layer-sha256:e126": EOF';
    expect(parser.push({ errorDetail: { message }, error: message })).toEqual([]);
    expect(parser.layers()).toEqual([
      { id: 'bbb', status: 'Pushing', current: 100, total: 3449, detail: null },
    ]);
  });
});
