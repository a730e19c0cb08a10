import os from 'node:os';
import { round } from '../scenarios/stats-lite';

/**
 * The machine's 1-minute load average, sampled through a run: on two cores a benchmark that
 * shares the machine with a build or a test suite measures that too, so its result file says how
 * loaded the machine was (2 or less is a quiet two-core machine).
 */
export class LoadAverageSampler {
  private readonly samples: number[] = [os.loadavg()[0]];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 15_000) {
    this.timer = setInterval(() => this.samples.push(os.loadavg()[0]), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  summary(): { min: number; mean: number; max: number; samples: number } {
    const samples = [...this.samples, os.loadavg()[0]];
    return {
      min: round(Math.min(...samples)),
      mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
      max: round(Math.max(...samples)),
      samples: samples.length,
    };
  }
}
