// How late each way of keeping the open-loop schedule sends a request (README, "Speed"), with
// nothing else running: Node's timers (the bench before 2026-12-03) against the metronome thread
// (bench/support/metronome.ts, built into dist/). No HTTP: each tick only notes how long after its
// due time it ran, and the process's CPU time over the run.
//
//   npm run build && node bench/diagnostics/schedule-lag.js [ticks, default 5000] [rounds, default 2]
'use strict';

const { Metronome } = require('../../dist/bench/support/metronome.js');

const ticks = Number(process.argv[2] || 5000);
const rounds = Number(process.argv[3] || 2);
const INTERVAL_MS = 1;

const percentile = (values, p) => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
};

/** The bench's schedule before the metronome: a timer for the next due time, all due ones sent when it fires. */
function timers(total) {
  return new Promise((resolve) => {
    const lags = new Float64Array(total);
    const start = performance.now() + 20;
    let i = 0;
    const tick = () => {
      const now = performance.now();
      for (; i < total && start + i * INTERVAL_MS <= now; i++) lags[i] = now - (start + i * INTERVAL_MS);
      if (i < total) setTimeout(tick, Math.max(0, start + i * INTERVAL_MS - performance.now()));
      else resolve(lags);
    };
    tick();
  });
}

/** The bench's schedule since 2026-12-03: the metronome thread, started once before the first round. */
function metronome(thread, total) {
  return new Promise((resolve) => {
    const lags = new Float64Array(total);
    const start = performance.now() + 20;
    let i = 0;
    thread.run(start, INTERVAL_MS, total, (upTo) => {
      const now = performance.now();
      for (; i < upTo; i++) lags[i] = now - (start + i * INTERVAL_MS);
      if (i >= total) resolve(lags);
    });
  });
}

(async () => {
  console.log(`# ${ticks} ticks ${INTERVAL_MS} ms apart per run; lateness after the due time in ms; Node ${process.version}`);
  const thread = await Metronome.boot();
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of [['timers', timers], ['metronome', (total) => metronome(thread, total)]]) {
      const cpu = process.cpuUsage();
      const lags = await run(ticks);
      const used = process.cpuUsage(cpu);
      const f = (p) => percentile(lags, p).toFixed(3);
      console.log(`${name.padEnd(9)} p50 ${f(50)}  p90 ${f(90)}  p99 ${f(99)}  longest ${f(100)}  CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
    }
  }
  await thread.close();
})();
