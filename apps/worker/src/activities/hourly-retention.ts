import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { Clock } from '@aigov/config/clock';
import { purgeSettledEmails } from '@aigov/persistence/email-outbox-retention';
import { endLapsedSessions } from '@aigov/persistence/lapsed-sessions';
import { purgeSettledWebhookEvents } from '@aigov/persistence/webhook-outbox';

/** How often a worker process runs the pass. */
const PASS_EVERY_MS = 3_600_000;

export interface HourlyRetentionResult {
  /** webhook events deleted (with their deliveries and attempts), past WEBHOOK_RETENTION */
  webhookEvents: number;
  /** mails deleted, past EMAIL_RETENTION */
  emails: number;
  /** browser sessions ended (kept, not deleted) past SESSION_IDLE_MINUTES or SESSION_ABSOLUTE_HOURS */
  lapsedSessions: number;
}

/**
 * The worker's hourly pass over rows that time alone settles: settled webhook events older than
 * WEBHOOK_RETENTION and settled mail older than EMAIL_RETENTION are deleted, and browser sessions
 * past their idle or absolute limit are ended (the API ends one only when its cookie comes back;
 * ended sessions are kept as a record of access). At most once an hour from each worker process.
 * It runs in the webhook dispatcher's loop (whichever worker runs it), so it has no timer of its
 * own to stop, and two workers at once delete or end nothing twice. `heartbeat` after each batch
 * keeps the dispatcher's activity within its heartbeat timeout. A failure is logged and tried
 * again an hour later; it never holds up dispatching, and one part's failure does not stop the
 * others.
 */
@Injectable()
export class HourlyRetention {
  private readonly logger = new Logger('HourlyRetention');
  /** performance.now() of this process's last pass; the first look of a worker's life runs it */
  private lastPassAt = -Infinity;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'webhooks' | 'emailRetentionMs' | 'sessionIdleTtlMs'>,
  ) {}

  async runNowAndThen(heartbeat?: () => void): Promise<HourlyRetentionResult> {
    if (performance.now() - this.lastPassAt < PASS_EVERY_MS) return { webhookEvents: 0, emails: 0, lapsedSessions: 0 };
    this.lastPassAt = performance.now();
    const now = this.clock.now();
    const webhookCutoff = new Date(now.getTime() - this.config.webhooks.retentionMs);
    const emailCutoff = new Date(now.getTime() - this.config.emailRetentionMs);
    return {
      webhookEvents: await this.part(
        () => purgeSettledWebhookEvents(this.dataSource, webhookCutoff, { afterBatch: heartbeat }),
        (n) => `deleted ${n} settled webhook events, with their deliveries, from before ${webhookCutoff.toISOString()}`,
        'could not delete settled webhook events, with their deliveries, past their retention',
      ),
      emails: await this.part(
        () => purgeSettledEmails(this.dataSource, emailCutoff, { afterBatch: heartbeat }),
        (n) => `deleted ${n} sent or cancelled emails from before ${emailCutoff.toISOString()}`,
        'could not delete sent or cancelled emails past their retention',
      ),
      lapsedSessions: await this.part(
        () => endLapsedSessions(this.dataSource, now, this.config.sessionIdleTtlMs, { afterBatch: heartbeat }),
        (n) => `ended ${n} sessions past their idle or absolute limit by ${now.toISOString()}`,
        'could not end sessions past their idle or absolute limit',
      ),
    };
  }

  /** One part of the pass: its count, logged when non-zero; a failure logged and counted as 0. */
  private async part(run: () => Promise<number>, done: (n: number) => string, failed: string): Promise<number> {
    try {
      const n = await run();
      if (n > 0) this.logger.log(done(n));
      return n;
    } catch (error) {
      this.logger.warn(`${failed}: ${(error as Error).message}`);
      return 0;
    }
  }
}
