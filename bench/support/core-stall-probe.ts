import { Worker } from 'node:worker_threads';
import { round } from '../scenarios/stats-lite';

/** Gaps shorter than this are a busy loop's own jitter (a timer read, an interrupt), not a stall. */
const RECORDED_GAP_MS = 0.5;

export interface CoreStalls {
  cores: number;
  seconds: number;
  /** the longest time any one core's busy loop did not run */
  longestMs: number;
  /** gaps of more than 1 ms and more than 5 ms, over all cores */
  over1Ms: number;
  over5Ms: number;
  /** share of the cores' time spent in gaps of more than 0.5 ms */
  stalledShare: number;
}

/** The summary of each core's gaps (milliseconds, each > 0.5) over a probe of `seconds`. */
export function summariseStalls(gapsPerCore: number[][], seconds: number): CoreStalls {
  const all = gapsPerCore.flat();
  const stalled = all.reduce((sum, gap) => sum + gap, 0);
  return {
    cores: gapsPerCore.length,
    seconds,
    longestMs: round(all.length ? Math.max(...all) : 0),
    over1Ms: all.filter((gap) => gap > 1).length,
    over5Ms: all.filter((gap) => gap > 5).length,
    stalledShare: gapsPerCore.length && seconds > 0 ? round(stalled / (gapsPerCore.length * seconds * 1000), 4) : 0,
  };
}

// Runs in a worker thread: spins for the given time and lists every gap between two readings of the clock.
const BUSY_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const gaps = [];
const end = performance.now() + workerData.seconds * 1000;
let last = performance.now();
for (;;) {
  const now = performance.now();
  if (now - last > workerData.recordedGapMs) gaps.push(now - last);
  last = now;
  if (now >= end) break;
}
parentPort.postMessage(gaps);
`;

/**
 * A busy loop on each of `cores` threads at once for `seconds`: how long the machine left a
 * thread that wanted to run without a core. On a machine of its own that is a millisecond or
 * two (an interrupt, the kernel's own work); on a virtual machine whose host runs other machines
 * on the same physical cores, a virtual core can be taken away for tens of milliseconds. The
 * authorize benchmark runs this before its phases: a p99 of a few milliseconds cannot be seen
 * on a machine that stalls a busy core for 100 ms, whatever the code does, and the result file
 * says which kind of machine it ran on. The probe itself keeps every core busy; run it when
 * nothing else is measured.
 */
export async function probeCoreStalls(seconds: number, cores: number): Promise<CoreStalls> {
  const gapsPerCore = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise<number[]>((resolve, reject) => {
          const worker = new Worker(BUSY_LOOP, { eval: true, workerData: { seconds, recordedGapMs: RECORDED_GAP_MS } });
          worker.once('message', (gaps: number[]) => resolve(gaps));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`stall probe thread exited with ${code}`));
          });
        }),
    ),
  );
  return summariseStalls(gapsPerCore, seconds);
}
