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

/** One instant, always: for tests whose rows are dated relative to "now". */
export class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}
