/** Where a repeated warning is written: Nest's Logger fits, as does anything with these two. */
export interface WarningSink {
  warn(message: string): void;
  log(message: string): void;
}

const ONE_MINUTE_MS = 60_000;

/**
 * A warning that can come on every request, told once per run of failures and minute instead
 * of once per failure. With PostgreSQL away at 1,000 authorize requests/s a line per failed
 * request is thousands of lines a second, which buries every other line and costs the log
 * pipeline more than the outage does. Here:
 * - the first failure of a run is written at once, with its message (what an operator needs first);
 * - later ones are counted, and each minute with failures in it is written as one line (count, last message);
 * - the run ends after a minute without failures, with one line saying how long it lasted and
 *   how many failed in all. Not at the first success: with every other request failing (a
 *   flapping connection) that would start a new run, and write a line, per failure again.
 * The exact per-request count stays in the caller's Prometheus counter; this is only the log.
 */
export class RepeatedWarning {
  private timer: NodeJS.Timeout | null = null;
  private since = 0;
  private lastFailureAt = 0;
  /** failures since the last line written */
  private unwritten = 0;
  private inRun = 0;
  private lastMessage = '';

  constructor(
    /** what fails, the start of each line: "authorize fast lane passed requests on after an error" */
    private readonly what: string,
    private readonly sink: WarningSink,
    private readonly everyMs = ONE_MINUTE_MS,
  ) {}

  failed(message: string): void {
    this.lastFailureAt = Date.now();
    this.inRun++;
    this.lastMessage = message;
    if (this.timer) {
      this.unwritten++;
      return;
    }
    this.since = this.lastFailureAt;
    this.sink.warn(`${this.what}: ${message} (more of these are counted and written once a minute while they go on)`);
    this.timer = setInterval(() => this.minutePassed(), this.everyMs);
    // A run of failures never keeps the process alive.
    this.timer.unref();
  }

  private minutePassed(): void {
    if (this.unwritten === 0) return this.endRun();
    this.sink.warn(`${this.what}: ${this.unwritten} more in the last minute, the last: ${this.lastMessage}`);
    this.unwritten = 0;
  }

  private endRun(): void {
    clearInterval(this.timer!);
    this.timer = null;
    const seconds = Math.round((this.lastFailureAt - this.since) / 100) / 10;
    this.sink.log(
      `${this.what}: no longer failing; ${this.inRun} failures in all from ${new Date(this.since).toISOString()} to ${new Date(this.lastFailureAt).toISOString()} (${seconds} s), the last: ${this.lastMessage}`,
    );
    this.unwritten = 0;
    this.inRun = 0;
    this.lastMessage = '';
  }
}
