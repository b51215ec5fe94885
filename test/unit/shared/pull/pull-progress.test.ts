import { describe, expect, it } from 'vitest';
import { createPullParser, type PullEvent } from '../../../../src/shared/pull/pull-progress';

function phasesOf(events: PullEvent[]): Record<string, string[]> {
  const phases: Record<string, string[]> = {};
  for (const event of events)
    if (event.kind === 'layer') (phases[event.layer.id] ??= []).push(event.layer.phase);
  return phases;
}

describe('createPullParser', () => {
  it('follows a layer of engine 20.10 through download and extraction to done', () => {
    const parser = createPullParser();
    const events = [
      { status: 'Pulling from dw-test/pulled', id: '1' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a636b37ebc87' },
      { status: 'Downloading', progressDetail: { current: 32768, total: 1500643 }, id: 'a636b37ebc87' },
      { status: 'Verifying Checksum', progressDetail: {}, id: 'a636b37ebc87' },
      { status: 'Download complete', progressDetail: {}, id: 'a636b37ebc87' },
      { status: 'Extracting', progressDetail: { current: 32768, total: 1500643 }, id: 'a636b37ebc87' },
      { status: 'Pull complete', progressDetail: {}, id: 'a636b37ebc87' },
      { status: 'Digest: sha256:97c5' },
      { status: 'Status: Downloaded newer image for 127.0.0.1:5000/dw-test/pulled:1' },
    ].flatMap((message) => parser.push(message));
    expect(phasesOf(events)).toEqual({
      a636b37ebc87: ['waiting', 'downloading', 'downloading', 'downloading', 'extracting', 'done'],
    });
    expect(parser.result()).toEqual({
      error: null,
      status: 'Downloaded newer image for 127.0.0.1:5000/dw-test/pulled:1',
    });
  });

  // Messages as engine 26.1 with the containerd image store sent them in this project's runs.
  it('finishes the layers the containerd store leaves at "Download complete" once the image is there', () => {
    const parser = createPullParser();
    const events = [
      { status: 'Pulling from dw-test/probe', id: '1' },
      { status: 'Already exists', progressDetail: { hidecounts: true }, id: '4ed0ec0c0078' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a636b37ebc87' },
      { status: 'Downloading', progressDetail: { current: 1048576, total: 1500643 }, id: 'a636b37ebc87' },
      { status: 'Download complete', progressDetail: { hidecounts: true }, id: 'a636b37ebc87' },
      { status: 'Digest: sha256:97c5706b657602dcc4563c3f6e80742f1a7a48402be155d09e815c1fa0b95182' },
    ].flatMap((message) => parser.push(message));
    expect(events.at(-1)).toEqual({
      kind: 'layer',
      layer: {
        id: 'a636b37ebc87',
        phase: 'downloading',
        status: 'Download complete',
        current: 1500643,
        total: 1500643,
      },
    });
    expect(
      parser.push({ status: 'Status: Downloaded newer image for 127.0.0.1:40427/dw-test/probe:1' }),
    ).toEqual([
      {
        kind: 'layer',
        layer: {
          id: 'a636b37ebc87',
          phase: 'done',
          status: 'Pull complete',
          current: 1500643,
          total: 1500643,
        },
      },
    ]);
  });

  it('does not finish anything when the pull fails', () => {
    const parser = createPullParser();
    parser.push({ status: 'Pulling fs layer', progressDetail: {}, id: 'aaa' });
    const message = 'failed to copy: httpReadSeeker: failed open: unexpected status code 401 Unauthorized';
    expect(parser.push({ errorDetail: { message }, error: message })).toEqual([]);
    expect(parser.result()).toEqual({ error: message, status: null });
  });

  it('sends no event for a restated download, and says it was only a repeat', () => {
    const parser = createPullParser();
    const downloading = {
      status: 'Downloading',
      progressDetail: { current: 15728640, total: 80024591 },
      id: 'e126ea80e696',
    };
    expect(parser.push(downloading)).toHaveLength(1);
    expect(parser.repeated()).toBe(false);
    expect(parser.push(downloading)).toEqual([]);
    expect(parser.repeated()).toBe(true);
    parser.push({ ...downloading, progressDetail: { current: 16000000, total: 80024591 } });
    expect(parser.repeated()).toBe(false);
  });
});
