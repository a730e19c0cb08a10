import { residentMiB } from './child-service';

export interface MemorySample {
  /** seconds since the series started */
  atSeconds: number;
  /** what the run had done by then, e.g. { approved: 4200, operating: 0 } */
  progress: Record<string, number>;
  /** resident memory of each process sampled, MiB */
  residentMiB: Record<string, number>;
}

/**
 * Resident memory of some processes every `intervalMs`, each sample beside the run's progress:
 * what shows that the worker's memory follows its cache's size and not the number of systems
 * (a peak alone cannot tell the two apart).
 */
export class MemorySeries {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(
    private readonly processes: Array<{ name: string; pid: number }>,
    private readonly progress: () => Record<string, number>,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.started = Date.now();
    const sample = async () => {
      const resident: Record<string, number> = {};
      for (const p of this.processes) {
        const mib = await residentMiB(p.pid);
        if (mib !== null) resident[p.name] = Math.round(mib);
      }
      this.samples.push({ atSeconds: Math.round((Date.now() - this.started) / 1000), progress: { ...this.progress() }, residentMiB: resident });
    };
    void sample();
    this.timer = setInterval(() => void sample(), this.intervalMs);
  }

  stop(): MemorySample[] {
    if (this.timer) clearInterval(this.timer);
    return this.samples;
  }

  /** The smallest and largest value of one process over the samples taken once `from(progress)` holds. */
  range(name: string, from: (progress: Record<string, number>) => boolean = () => true): { min: number; max: number; count: number } | null {
    const values = this.samples.filter((s) => from(s.progress) && s.residentMiB[name] !== undefined).map((s) => s.residentMiB[name]);
    return values.length ? { min: Math.min(...values), max: Math.max(...values), count: values.length } : null;
  }
}
