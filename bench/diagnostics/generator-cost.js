// What the authorize scenario's two load generators cost in CPU per request (README, "Speed"):
// the lean keep-alive client with its metronome thread, in this process (the default), and the
// Go generator in a process of its own (--authorize-client go). Both send the same request at
// 1,000 a second to a bare Node HTTP server in a third process that answers at once, so neither
// the API nor PostgreSQL is in the figure. Rounds alternate. Needs `npm run build` and Go:
//
//   npm run build && node bench/diagnostics/generator-cost.js [rounds, default 3] [requests a round, default 10000]
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const dist = path.join(__dirname, '..', '..', 'dist', 'bench', 'support');
const { KeepAliveClient, requestBytes } = require(path.join(dist, 'keep-alive-client.js'));
const { Metronome } = require(path.join(dist, 'metronome.js'));
const { buildGoLoadGenerator, GoLoadGenerator } = require(path.join(dist, 'go-load-generator.js'));

const ROUNDS = Number(process.argv[2] || 3);
const REQUESTS = Number(process.argv[3] || 10_000);
const RATE = 1000;

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': 15 }); res.end('{"allow":true }'); });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0)).resume();`;

const q = (values, p) => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** The lean client on the metronome's schedule, as the scenario's openLoop sends. */
function leanRound(client, metronome, request) {
  const latencies = new Float64Array(REQUESTS);
  const lags = new Float64Array(REQUESTS);
  const interval = 1000 / RATE;
  const start = performance.now() + 20;
  const cpu = process.cpuUsage();
  let i = 0;
  let outstanding = 0;
  return new Promise((resolve) => {
    const finish = () => {
      const used = process.cpuUsage(cpu);
      resolve({ cpuUs: (used.user + used.system) / REQUESTS, latencies, lags });
    };
    metronome.run(start, interval, REQUESTS, (upTo) => {
      const now = performance.now();
      while (i < upTo) {
        const n = i++;
        const due = start + n * interval;
        lags[n] = now - due;
        outstanding++;
        client.send(request).then(() => {
          latencies[n] = performance.now() - due;
          if (--outstanding === 0 && i === REQUESTS) finish();
        });
      }
    });
  });
}

async function main() {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  const url = new URL('/api/v1/authorize', `http://127.0.0.1:${port}`);
  const body = JSON.stringify({ systemId: '00000000-0000-4000-8000-000000000000', action: 'call_tool', targets: ['crm.search'] });
  const request = requestBytes(url, 'POST', { authorization: 'Bearer aigw_x', accept: 'application/json', 'content-type': 'application/json' }, body);

  const go = await GoLoadGenerator.start(await buildGoLoadGenerator(console.log), { host: '127.0.0.1', port }, [request]);
  const client = new KeepAliveClient({ host: '127.0.0.1', port });
  const metronome = await Metronome.boot();
  const line = (name, r) =>
    console.log(
      `${name.padEnd(22)} CPU ${r.cpuUs.toFixed(1).padStart(6)} µs a request | lag p50 ${q(r.lags, 50).toFixed(3)} p99 ${q(r.lags, 99).toFixed(3)} ms | latency p50 ${q(r.latencies, 50).toFixed(3)} p99 ${q(r.latencies, 99).toFixed(3)} ms`,
    );
  console.log(`${REQUESTS} requests a round at ${RATE}/s to a bare Node server on loopback, ${ROUNDS} rounds each, alternating; Node ${process.version}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const g = await go.phase(RATE, REQUESTS / RATE, () => 0);
    line(`go, round ${round}`, { cpuUs: (g.cpuMs * 1000) / REQUESTS, latencies: g.latenciesMs, lags: g.lagsMs });
    if (global.gc) global.gc();
    line(`lean+metronome, ${round}`, await leanRound(client, metronome, request));
  }
  await go.close();
  client.close();
  await metronome.close();
  server.stdin.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
