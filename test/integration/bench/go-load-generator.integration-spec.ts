import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildGoLoadGenerator, GoLoadGenerator } from '../../../bench/support/go-load-generator';
import { requestBytes } from '../../../bench/support/keep-alive-client';

// The bench's Go load generator (bench/load-generator), built with the local Go toolchain and run
// against a real HTTP server on loopback. It needs Go, so it runs in `npm run test:cluster` (the
// suite that builds Temporal's server with Go), not in `npm test`.

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
  at: number;
  socket: number;
}

let server: http.Server;
let port: number;
const seen: Seen[] = [];
let binary: string;
let sockets = 0;

beforeAll(async () => {
  binary = await buildGoLoadGenerator(() => undefined);
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      seen.push({ method: req.method!, path: url.pathname, authorization: req.headers.authorization, body, at: performance.now(), socket: (req.socket as { id?: number }).id ?? -1 });
      const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
        res.end(text);
      };
      if (url.pathname === '/slow') setTimeout(() => answer(200, '{"slow":true}'), 50);
      else if (url.pathname === '/deny') answer(403, '{"decision":"deny"}');
      else if (url.pathname === '/close') answer(200, '{}', { connection: 'close' });
      else if (url.pathname === '/hang-up') req.socket.destroy();
      else if (url.pathname === '/chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
        res.end('1}');
      } else answer(200, JSON.stringify({ echoed: body.length }));
    });
  });
  server.on('connection', (socket) => ((socket as unknown as { id: number }).id = ++sockets));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 180_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => (seen.length = 0));

const request = (path: string, body?: string) =>
  requestBytes(new URL(path, `http://127.0.0.1:${port}`), body === undefined ? 'GET' : 'POST', { authorization: 'Bearer t0ken', accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body);

async function withGenerator<T>(requests: Buffer[], run: (g: GoLoadGenerator) => Promise<T>): Promise<T> {
  const generator = await GoLoadGenerator.start(binary, { host: '127.0.0.1', port }, requests);
  try {
    return await run(generator);
  } finally {
    await generator.close();
  }
}

describe('the Go load generator', () => {
  it('sends each request of the sequence once, in order, on the schedule, and counts what is not a 200', async () => {
    const phase = await withGenerator([request('/ok', '{"systemId":"a"}'), request('/deny', '{"systemId":"b"}'), request('/ok')], (g) =>
      g.phase(200, 1.5, (n) => (n % 10 === 9 ? 1 : n % 2 === 0 ? 0 : 2)),
    );
    expect(phase.latenciesMs).toHaveLength(300);
    expect(phase.lagsMs).toHaveLength(300);
    expect(seen).toHaveLength(300);
    expect(phase.errors).toBe(30);
    seen.forEach((s, n) => {
      const expected = n % 10 === 9 ? ['POST', '/deny', '{"systemId":"b"}'] : n % 2 === 0 ? ['POST', '/ok', '{"systemId":"a"}'] : ['GET', '/ok', ''];
      expect([s.method, s.path, s.body]).toEqual(expected);
      expect(s.authorization).toBe('Bearer t0ken');
    });
    // open loop on a 5 ms interval: the last request is due 1,495 ms after the first, and was not sent before then
    expect(seen[299]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1_490);
    for (const ms of phase.latenciesMs) expect(ms).toBeGreaterThan(0);
    expect(phase.startedAtUnixMs).toBeGreaterThan(Date.now() - 60_000);
    expect(phase.cpuMs).toBeGreaterThan(0);
    // one request at a time per connection and answers far quicker than 5 ms apart: a few connections, reused
    expect(phase.connections).toBeGreaterThanOrEqual(1);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(phase.connections);
  }, 60_000);

  it('does not wait for slow answers (open loop): it opens as many connections as the load needs', async () => {
    const phase = await withGenerator([request('/slow')], (g) => g.phase(200, 1, () => 0));
    expect(phase.errors).toBe(0);
    expect(seen).toHaveLength(200);
    // 50 ms answers at one request every 5 ms: about ten outstanding at once, each on its own connection
    expect(phase.connections).toBeGreaterThanOrEqual(8);
    for (const ms of phase.latenciesMs) expect(ms).toBeGreaterThanOrEqual(49);
  }, 60_000);

  it('keeps its connections from one phase to the next, and opens a new one when the server closes one', async () => {
    await withGenerator([request('/ok'), request('/close')], async (g) => {
      const first = await g.phase(100, 0.5, () => 0);
      const sockets = new Set(seen.map((s) => s.socket));
      seen.length = 0;
      const second = await g.phase(100, 0.5, () => 0);
      expect(first.errors + second.errors).toBe(0);
      expect(seen.every((s) => sockets.has(s.socket))).toBe(true);
      seen.length = 0;
      const closing = await g.phase(100, 0.3, () => 1);
      expect(closing.errors).toBe(0);
      // every answer said connection: close, so each request went on a connection of its own
      expect(new Set(seen.map((s) => s.socket)).size).toBe(30);
    });
  }, 60_000);

  it('counts a connection the server drops, and an answer without content-length, as errors without misreading what follows', async () => {
    const phase = await withGenerator([request('/ok'), request('/hang-up'), request('/chunked')], (g) => g.phase(100, 1, (n) => (n === 20 ? 1 : n === 40 ? 2 : 0)));
    expect(phase.latenciesMs).toHaveLength(100);
    expect(phase.errors).toBe(2);
    expect(seen).toHaveLength(100);
  }, 60_000);

  it('refuses a sequence that names a request it was not given, with the reason', async () => {
    await expect(withGenerator([request('/ok')], (g) => g.phase(100, 0.1, () => 3))).rejects.toThrow(/request index 3 out of range/);
  }, 60_000);
});
