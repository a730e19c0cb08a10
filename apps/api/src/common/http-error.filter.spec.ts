import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { ApiError } from './api-error';
import { HttpErrorFilter } from './http-error.filter';

/** The filter's answers and log lines, with a reply that records what was sent. */
describe('HttpErrorFilter', () => {
  const sent: Array<{ status: number; headers: Record<string, string>; body: unknown }> = [];
  const host = () => {
    const answer = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
    const reply = {
      header: (name: string, value: string) => ((answer.headers[name] = value), reply),
      status: (code: number) => ((answer.status = code), reply),
      send: (body: unknown) => {
        answer.body = body;
        sent.push(answer);
        return reply;
      },
    };
    return { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  };
  let warned: jest.SpyInstance;
  let errors: jest.SpyInstance;

  beforeEach(() => {
    sent.length = 0;
    jest.useFakeTimers();
    warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('answers a database outage with 503 and Retry-After each time, and logs it once per outage and minute', () => {
    const filter = new HttpErrorFilter();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 200; i++) filter.catch(refused, host());
    expect(sent).toHaveLength(200);
    for (const answer of sent) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('2');
      expect(answer.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; retry shortly' });
    }
    expect(warned.mock.calls).toEqual([[expect.stringMatching(/^answered 503, the database is unavailable: connect ECONNREFUSED 127\.0\.0\.1:5432 \(more of these/)]]);
    jest.advanceTimersByTime(60_000);
    expect(warned.mock.calls.slice(1)).toEqual([['answered 503, the database is unavailable: 199 more in the last minute, the last: connect ECONNREFUSED 127.0.0.1:5432']]);
  });

  it("answers Temporal's gRPC UNAVAILABLE with 503 and Retry-After, logged as the engine's outage; its other failures stay 500", () => {
    const filter = new HttpErrorFilter();
    const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
    // The Temporal client's wrapping, as an Update or a workflow start throws it.
    const unavailable = new ServiceError('Failed to issue update', { cause: grpc(14, 'persistence unavailable') });
    for (let i = 0; i < 3; i++) filter.catch(unavailable, host());
    filter.catch(grpc(14, 'No connection established'), host());
    filter.catch(new ServiceError('Failed to issue update', { cause: grpc(13, 'internal') }), host());
    expect(sent.map((s) => s.status)).toEqual([503, 503, 503, 503, 500]);
    expect(sent[0]!.headers['retry-after']).toBe('2');
    expect(sent[0]!.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the lifecycle engine is unavailable; retry shortly' });
    expect(warned.mock.calls).toEqual([[expect.stringMatching(/^answered 503, the lifecycle engine \(Temporal\) is unavailable: Failed to issue update \(more of these/)]]);
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it("logs the API's own 503s (an Update that did not answer in time) under their own reason, not as a database outage", () => {
    const filter = new HttpErrorFilter();
    const late = 'the lifecycle engine did not answer in time; the action may still complete, check the system before retrying';
    for (let i = 0; i < 3; i++) filter.catch(new ApiError(503, late), host());
    expect(sent.map((s) => [s.status, s.headers['retry-after']])).toEqual([
      [503, '2'],
      [503, '2'],
      [503, '2'],
    ]);
    expect(sent[0]!.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: late });
    expect(warned.mock.calls).toEqual([[expect.stringMatching(/^answered 503: the lifecycle engine did not answer in time; .* \(more of these/)]]);
    expect(warned.mock.calls[0]![0]).not.toMatch(/database/);
    jest.advanceTimersByTime(60_000);
    expect(warned.mock.calls.slice(1)).toEqual([[`answered 503: 2 more in the last minute, the last: ${late}`]]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('still logs every unexpected error with its stack, and no client error', () => {
    const filter = new HttpErrorFilter();
    filter.catch(new TypeError('x is undefined'), host());
    filter.catch(new TypeError('y is undefined'), host());
    filter.catch(new BadRequestException({ message: 'name is required', field: 'name' }), host());
    expect(sent.map((s) => s.status)).toEqual([500, 500, 400]);
    expect(sent[2]!.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'name is required', field: 'name' });
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors.mock.calls[1]![0]).toMatch(/^TypeError: y is undefined/);
    expect(warned).not.toHaveBeenCalled();
  });
});
