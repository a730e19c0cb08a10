import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * How long to stay idle after the collection. V8 sweeps the freed pages, and finishes some other
 * work, on background threads after the pause ends; on two shared cores those threads would take a
 * core from the API in the phase's first milliseconds. 200 ms is a few times the longest full pause
 * seen (54 ms), and costs nothing measured.
 */
const SETTLE_MS = 200;

/**
 * A full garbage collection of this process (the load generator), before a measured phase. The
 * bench process builds its systems through the product first, and what that left in its old
 * generation was collected, mid-phase, by a full collection that stopped the generator for 9-41 ms
 * (bench/results/2026-12-03-authorize-tail-attribution-metronome.txt); every request due then
 * counted the pause as the API's latency. wrk, written in C, has no such pause. The API is not
 * touched: its collections are part of what is measured. Resolves once the collection's
 * background work has had time to finish (SETTLE_MS).
 */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    // --expose-gc set at run time: the bench is started as `node dist/bench/run.js`, without flags.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
