import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { metricsScrapeAllowed } from './metrics-access';
import { PinoNestLogger, pinoLevelOf } from './nest-logger';
import { acceptRequestId, requestContext } from './request-context';
import { scrubSecrets } from './secret-scrubber';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, records: () => lines.map((l) => JSON.parse(l)) };
}

describe('secret scrubbing', () => {
  it.each([
    ['postgres://aigov:s3cr3t-pass@db:5432/aigov', 'postgres://aigov:[REDACTED]@db:5432/aigov'],
    ['connect ECONNREFUSED smtp://mailer:hunter2@mail:25', 'connect ECONNREFUSED smtp://mailer:[REDACTED]@mail:25'],
    ['GET /actions/eyJ0YXNrIjoi.abc-123_x?x=1', 'GET /actions/[REDACTED]?x=1'],
    ['http://host/auth/sign-in/AbC.dEf', 'http://host/auth/sign-in/[REDACTED]'],
    ['/api/v1/x?token=abc&page=2', '/api/v1/x?token=[REDACTED]&page=2'],
    ['authorization: Bearer abc.def-ghi', 'authorization: Bearer [REDACTED]'],
  ])('%s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it('leaves ordinary text, route patterns and URLs without credentials alone', () => {
    for (const text of ['/actions/:token', 'postgres://db:5432/aigov', 'http://127.0.0.1:3000/api/v1/ai-systems/1', 'approval decided']) {
      expect(scrubSecrets(text)).toBe(text);
    }
  });
});

describe('request ids', () => {
  it('keeps a well-formed incoming id and replaces anything else with a UUID', () => {
    expect(acceptRequestId('abc-123.x:y_z')).toBe('abc-123.x:y_z');
    expect(acceptRequestId(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'a b', 'x'.repeat(129), 'line\nbreak', '{"level":"fatal"}', 42]) {
      expect(acceptRequestId(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('the JSON logger', () => {
  it('writes one JSON object per line with level, time, service, message and the current request id', () => {
    const out = capture();
    const logger = createLogger({ service: 'api', level: 'info', destination: out.stream });
    requestContext.run({ requestId: 'req-1' }, () => logger.info({ route: '/x' }, 'hello'));
    logger.debug('below the level');
    const [record, ...rest] = out.records();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ level: 'info', service: 'api', msg: 'hello', requestId: 'req-1', route: '/x' });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it('redacts credential headers and scrubs secrets from messages and errors', () => {
    const out = capture();
    const logger = createLogger({ service: 'worker', level: 'info', destination: out.stream });
    logger.info({ req: { headers: { authorization: 'Bearer tok-1', cookie: 'aigov_session=tok-2', 'x-csrf-token': 'tok-3', 'set-cookie': 'tok-4' } } }, 'headers');
    logger.error({ err: new Error('connect to postgres://u:tok-5@db/x failed') }, 'GET /actions/tok-6');
    new PinoNestLogger(logger).error('sign-in link http://h/auth/sign-in/tok-7 failed', 'SignIn');
    const text = out.lines.join('\n');
    for (const secret of ['tok-1', 'tok-2', 'tok-3', 'tok-4', 'tok-5', 'tok-6', 'tok-7']) expect(text).not.toContain(secret);
    expect(out.records()[2]).toMatchObject({ level: 'error', context: 'SignIn' });
  });

  it("maps Nest's level lists to the least severe pino level", () => {
    expect(pinoLevelOf(['error', 'warn'])).toBe('warn');
    expect(pinoLevelOf(['error', 'warn', 'log'])).toBe('info');
    expect(pinoLevelOf([])).toBe('silent');
  });
});

describe('metrics access', () => {
  it('needs the configured token as a bearer token', () => {
    expect(metricsScrapeAllowed('Bearer right-token-of-16', 'right-token-of-16')).toBe(true);
    expect(metricsScrapeAllowed('Bearer wrong-token-of-16', 'right-token-of-16')).toBe(false);
    expect(metricsScrapeAllowed(undefined, 'right-token-of-16')).toBe(false);
    expect(metricsScrapeAllowed('right-token-of-16', 'right-token-of-16')).toBe(false);
    expect(metricsScrapeAllowed('Bearer anything', null)).toBe(false);
  });
});
