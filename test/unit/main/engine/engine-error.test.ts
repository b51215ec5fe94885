import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMessage, isConnectionError, toAppError } from '../../../../src/main/engine/engine-error';
import {
  clientForClosedPort,
  clientForMissingSocket,
  rejectionOf,
  startStubEngine,
  type StubEngine,
} from '../../support/stub-engine';

const IN_USE =
  'conflict: unable to remove repository reference "nginx:latest" (must force) - container 4f2a9c is using its referenced image 5b0d';

/**
 * An error shaped like docker-modem's buildPayload makes for a refused request: an Error whose
 * message wraps the cause as "(HTTP code N) reason - cause ", with reason, statusCode and json.
 */
function modemError(statusCode: number, reason: string | undefined, json: unknown): Error {
  const cause = json as { message?: string; error?: string } | null;
  const error = new Error(
    `(HTTP code ${statusCode}) ${reason ?? 'unexpected'} - ${cause?.message ?? cause?.error ?? String(cause)} `,
  );
  return Object.assign(error, { reason, statusCode, json });
}

/** An error shaped like Node's for a failed connect (what docker-modem passes on from req 'error'). */
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' });
}

describe('isConnectionError', () => {
  it.each(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH'])(
    'treats %s as never reaching the engine',
    (code) => {
      expect(isConnectionError(systemError(code, `connect ${code} /var/run/docker.sock`))).toBe(true);
    },
  );

  it.each([
    ['a 404 from the engine', modemError(404, 'no such image', { message: 'No such image: nope:latest' })],
    ['a 409 from the engine', modemError(409, 'conflict', { message: IN_USE })],
    ['a 500 from the engine', modemError(500, 'server error', { message: 'boom' })],
    [
      'an abort',
      Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }),
    ],
    ['a plain Error', new Error('nope')],
  ])('does not treat %s as a connection failure', (_label, error) => {
    expect(isConnectionError(error)).toBe(false);
  });

  it.each([undefined, null, 'ECONNREFUSED', 42, { code: 111 }])(
    'is false for %j, which is not an error object',
    (value) => {
      expect(isConnectionError(value)).toBe(false);
    },
  );
});

describe('engineMessage', () => {
  it("prefers the engine's json.message over docker-modem's wrapped message", () => {
    expect(engineMessage(modemError(409, 'conflict', { message: IN_USE }))).toBe(IN_USE);
  });

  it('uses a JSON string body, trimmed', () => {
    expect(engineMessage(modemError(500, 'server error', '  page not found\n'))).toBe('page not found');
  });

  it("falls back to the error's message when the body has no message", () => {
    const error = modemError(500, 'server error', { error: 'odd' });

    expect(engineMessage(error)).toBe('(HTTP code 500) server error - odd ');
  });

  it.each([null, '   '])('falls back to the message when the body is %j', (json) => {
    const error = Object.assign(new Error('(HTTP code 502) unexpected - bad gateway '), {
      statusCode: 502,
      json,
    });

    expect(engineMessage(error)).toBe('(HTTP code 502) unexpected - bad gateway ');
  });

  it('gives the message of a connection error', () => {
    expect(engineMessage(systemError('ENOENT', 'connect ENOENT /var/run/docker.sock'))).toBe(
      'connect ENOENT /var/run/docker.sock',
    );
  });

  it('stringifies something that is not an error', () => {
    expect(engineMessage('socket closed')).toBe('socket closed');
    expect(engineMessage(undefined)).toBe('undefined');
  });
});

describe('toAppError', () => {
  it.each([
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [400, 'ENGINE_ERROR'],
    [500, 'ENGINE_ERROR'],
  ] as const)('maps HTTP %d to %s by default', (status, code) => {
    expect(toAppError(modemError(status, 'x', { message: 'the engine says no' }))).toEqual({
      code,
      message: 'the engine says no',
    });
  });

  it('lets byStatus name what a status means for the operation (409 on removal is IMAGE_IN_USE)', () => {
    expect(toAppError(modemError(409, 'conflict', { message: IN_USE }), { 409: 'IMAGE_IN_USE' })).toEqual({
      code: 'IMAGE_IN_USE',
      message: IN_USE,
    });
  });

  it('keeps the default mapping for statuses byStatus does not name', () => {
    expect(
      toAppError(modemError(404, 'no such image', { message: 'No such image: x' }), { 409: 'IMAGE_IN_USE' }),
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'No such image: x',
    });
  });

  it.each(['ECONNREFUSED', 'ENOENT'])('maps a %s connection failure to ENGINE_UNAVAILABLE', (code) => {
    expect(
      toAppError(systemError(code, `connect ${code} /var/run/docker.sock`), { 409: 'IMAGE_IN_USE' }),
    ).toEqual({
      code: 'ENGINE_UNAVAILABLE',
      message: `The Docker engine cannot be reached: connect ${code} /var/run/docker.sock`,
    });
  });

  it('maps an error without a status to ENGINE_ERROR with its message', () => {
    expect(toAppError(new Error('unexpected end of JSON input'))).toEqual({
      code: 'ENGINE_ERROR',
      message: 'unexpected end of JSON input',
    });
  });
});

describe('engine errors from a real docker-modem client', () => {
  let stub: StubEngine;

  beforeAll(async () => {
    stub = await startStubEngine({ status: 200, body: [] });
  });
  afterAll(async () => {
    await stub.close();
  });

  const removeNginx = (docker: Docker): Promise<unknown> =>
    rejectionOf(docker.getImage('nginx:latest').remove());

  it('maps a 409 on image removal to IMAGE_IN_USE with the engine’s own words', async () => {
    stub.reply({ status: 409, body: { message: IN_USE } });
    const error = await removeNginx(stub.docker);

    expect(error).toMatchObject({ statusCode: 409, reason: 'conflict', json: { message: IN_USE } });
    expect(isConnectionError(error)).toBe(false);
    expect(toAppError(error, { 409: 'IMAGE_IN_USE' })).toEqual({ code: 'IMAGE_IN_USE', message: IN_USE });
  });

  it('maps a 404 to NOT_FOUND', async () => {
    stub.reply({ status: 404, body: { message: 'No such image: nginx:latest' } });

    expect(toAppError(await removeNginx(stub.docker))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such image: nginx:latest',
    });
  });

  it('still carries the text of a non-JSON error body', async () => {
    stub.reply({ status: 500, body: 'plain text failure' });
    const appError = toAppError(await removeNginx(stub.docker));

    expect(appError.code).toBe('ENGINE_ERROR');
    expect(appError.message).toContain('plain text failure');
  });

  it('maps a missing socket (ENOENT) to ENGINE_UNAVAILABLE', async () => {
    const missing = clientForMissingSocket();
    try {
      const error = await removeNginx(missing.docker);

      expect(error).toMatchObject({ code: 'ENOENT' });
      expect(isConnectionError(error)).toBe(true);
      expect(toAppError(error).code).toBe('ENGINE_UNAVAILABLE');
      expect(toAppError(error).message).toMatch(
        /^The Docker engine cannot be reached: connect ENOENT .*docker\.sock$/,
      );
    } finally {
      missing.dispose();
    }
  });

  it('maps a refused TCP connection (ECONNREFUSED) to ENGINE_UNAVAILABLE', async () => {
    const error = await removeNginx(await clientForClosedPort());

    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(toAppError(error, { 409: 'IMAGE_IN_USE' }).code).toBe('ENGINE_UNAVAILABLE');
  });
});
