import { Clock } from '@aigov/config/clock';

/** Real time plus an offset a test moves forward, to let links and sessions expire without waiting. */
export class AdjustableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
