import { Worker } from 'node:worker_threads';

/**
 * The thread that keeps the open-loop schedule. It sleeps with Atomics.wait, whose timeout has
 * sub-millisecond precision, and at each request's due time tells the main thread how many are
 * due by then. Node's timers cannot do that: they count in whole milliseconds of a loop clock, so
 * a request due at 10.3 ms went out at the next tick, about 0.57 ms late at the median and 1.0 ms
 * at p90 with nothing else running (0.14 and 0.2 ms this way; bench/diagnostics/schedule-lag.js),
 * and that lateness counted as the API's latency, since latency is counted from the due time.
 * It waits for one schedule at a time and keeps running between them, so a phase never pays for
 * starting it. Plain JavaScript evaluated in the worker: no build step of its own.
 */
const METRONOME_THREAD = `
const { parentPort } = require('node:worker_threads');
const cell = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', ({ startHrMs, intervalMs, total }) => {
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
});
parentPort.postMessage('ready');
`;

/**
 * The metronome thread, started once for a scenario and then given one schedule after another.
 * Starting a worker thread (its own V8 isolate and Node bootstrap) takes tens of milliseconds of
 * CPU; started for each phase 20 ms before the phase's first request was due, as the bench did
 * until 2026-12-03 10:39 UTC, it sent that phase's first requests up to 47 ms late on the two
 * shared cores (the slowest sixteen of bench/results/2026-12-03-authorize-tail-attribution-generator-gc.txt).
 */
export class Metronome {
  private onDue: ((upTo: number) => void) | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (upTo: number) => this.onDue?.(upTo));
  }

  /** Resolves once the thread is running and waiting for a schedule. */
  static boot(): Promise<Metronome> {
    const worker = new Worker(METRONOME_THREAD, { eval: true });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve(new Metronome(worker)));
    });
  }

  /**
   * Calls `onDue(upTo)` each time requests become due: those numbered below `upTo` (from 0, the
   * i-th due at `startPerfMs + i * intervalMs` on this thread's performance.now() clock) may go.
   * `upTo` only grows, and reaches `total`; then the metronome is free for the next schedule. A
   * busy main thread gets the counts late, as it would a timer, and catches up with the highest.
   */
  run(startPerfMs: number, intervalMs: number, total: number, onDue: (upTo: number) => void): void {
    if (this.onDue) throw new Error('the metronome is already keeping a schedule');
    this.onDue = (upTo) => {
      if (upTo >= total) this.onDue = undefined;
      onDue(upTo);
    };
    // The thread reads process.hrtime (one monotonic clock for every thread); this thread's
    // performance.now() is the same clock with its own origin.
    const startHrMs = Number(process.hrtime.bigint()) / 1e6 - performance.now() + startPerfMs;
    this.worker.postMessage({ startHrMs, intervalMs, total });
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
