import { Worker } from 'node:worker_threads';

/**
 * The thread that keeps the open-loop schedule. It sleeps with Atomics.wait, whose timeout has
 * sub-millisecond precision, and at each request's due time tells the main thread how many are
 * due by then. Node's timers cannot do that: they count in whole milliseconds of a loop clock, so
 * a request due at 10.3 ms went out at the next tick, about 0.57 ms late at the median and 1.0 ms
 * at p90 with nothing else running (0.14 and 0.2 ms this way; bench/diagnostics/schedule-lag.js),
 * and that lateness counted as the API's latency, since latency is counted from the due time.
 * Plain JavaScript evaluated in the worker: no build step of its own.
 */
const METRONOME_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { startHrMs, intervalMs, total } = workerData;
const cell = new Int32Array(new SharedArrayBuffer(4));
let sent = 0;
while (sent < total) {
  const now = Number(process.hrtime.bigint()) / 1e6;
  const due = startHrMs + sent * intervalMs;
  if (due > now) {
    Atomics.wait(cell, 0, 0, due - now);
    continue;
  }
  let upTo = sent + 1;
  while (upTo < total && startHrMs + upTo * intervalMs <= now) upTo++;
  parentPort.postMessage(upTo);
  sent = upTo;
}
`;

/**
 * Calls `onDue(upTo)` each time requests become due: those numbered below `upTo` (from 0, the
 * i-th due at `startPerfMs + i * intervalMs` on this thread's performance.now() clock) may go.
 * `upTo` only grows, and reaches `total`; the thread ends by itself then. A busy main thread gets
 * the counts late, as it would a timer, and catches up with the highest.
 */
export function startMetronome(startPerfMs: number, intervalMs: number, total: number, onDue: (upTo: number) => void): void {
  // The worker reads process.hrtime (one monotonic clock for every thread); this thread's
  // performance.now() is the same clock with its own origin.
  const startHrMs = Number(process.hrtime.bigint()) / 1e6 - performance.now() + startPerfMs;
  const worker = new Worker(METRONOME_THREAD, { eval: true, workerData: { startHrMs, intervalMs, total } });
  worker.on('message', (upTo: number) => onDue(upTo));
}
