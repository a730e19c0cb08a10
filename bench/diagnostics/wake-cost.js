// What waking the load generator's main thread at each request's due time costs in CPU (README,
// "Speed"): the metronome thread (bench/support/metronome.ts) posting a message per tick, against
// storing the count in a shared cell and notifying it, awaited with Atomics.waitAsync. No HTTP.
// Plain JavaScript, no build step:
//
//   node bench/diagnostics/wake-cost.js [ticks, default 5000]
'use strict';
const { Worker } = require('node:worker_threads');
const TICKS = Number(process.argv[2] || 5000);
const THREAD = (mode) => `
const { parentPort, workerData } = require('node:worker_threads');
const { startHrMs, intervalMs, total, shared } = workerData;
const cell = new Int32Array(new SharedArrayBuffer(4));
const out = new Int32Array(shared);
let sent = 0;
while (sent < total) {
  const now = Number(process.hrtime.bigint()) / 1e6;
  const due = startHrMs + sent * intervalMs;
  if (due > now) { Atomics.wait(cell, 0, 0, due - now); continue; }
  let upTo = sent + 1;
  while (upTo < total && startHrMs + upTo * intervalMs <= now) upTo++;
  ${mode === 'post' ? 'parentPort.postMessage(upTo);' : 'Atomics.store(out, 0, upTo); Atomics.notify(out, 0);'}
  sent = upTo;
}`;
function run(mode) {
  return new Promise((resolve) => {
    const shared = new SharedArrayBuffer(4);
    const out = new Int32Array(shared);
    const lags = new Float64Array(TICKS);
    const start = performance.now() + 300;
    const startHrMs = Number(process.hrtime.bigint()) / 1e6 - performance.now() + start;
    let i = 0;
    const w = new Worker(THREAD(mode), { eval: true, workerData: { startHrMs, intervalMs: 1, total: TICKS, shared } });
    let cpu;
    setTimeout(() => (cpu = process.cpuUsage()), 250);
    const onDue = (upTo) => {
      const now = performance.now();
      for (; i < upTo; i++) lags[i] = now - (start + i);
      if (i >= TICKS) {
        const used = process.cpuUsage(cpu);
        const sorted = Float64Array.from(lags).sort();
        resolve({ mode, cpuUsPerTick: ((used.user + used.system) / TICKS).toFixed(1), p50: sorted[TICKS / 2].toFixed(3), p99: sorted[Math.floor(TICKS * 0.99)].toFixed(3) });
      }
    };
    if (mode === 'post') w.on('message', onDue);
    else {
      let seen = 0;
      const loop = async () => {
        while (seen < TICKS) {
          const r = Atomics.waitAsync(out, 0, seen);
          if (r.async) await r.value;
          seen = Atomics.load(out, 0);
          onDue(seen);
        }
      };
      loop();
    }
  });
}
(async () => {
  for (let k = 0; k < 3; k++) for (const mode of ['post', 'waitAsync']) console.log(JSON.stringify(await run(mode)));
})();
