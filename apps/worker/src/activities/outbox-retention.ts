import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { Clock } from '@aigov/config/clock';
import { purgeSettledEmails } from '@aigov/persistence/email-outbox-retention';
import { purgeSettledWebhookEvents } from '@aigov/persistence/webhook-outbox';

/** How often a worker process looks for outbox rows past their retention. */
const PURGE_EVERY_MS = 3_600_000;

export interface OutboxPurge {
  /** webhook events deleted (with their deliveries and attempts), past WEBHOOK_RETENTION */
  webhookEvents: number;
  /** mails deleted, past EMAIL_RETENTION */
  emails: number;
}

/**
 * The outboxes' retention: settled webhook events older than WEBHOOK_RETENTION and settled mail
 * older than EMAIL_RETENTION are deleted, at most once an hour from each worker process. It runs
 * in the webhook dispatcher's loop (whichever worker runs it), so it has no timer of its own to
 * stop, and two workers purging at once delete nothing twice. `heartbeat` after each batch keeps
 * the dispatcher's activity within its heartbeat timeout. A failure is logged and tried again an
 * hour later; it never holds up dispatching, and one outbox's failure does not stop the other's
 * purge.
 */
@Injectable()
export class OutboxRetention {
  private readonly logger = new Logger('OutboxRetention');
  /** performance.now() of this process's last purge; the first look of a worker's life purges */
  private lastPurgeAt = -Infinity;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'webhooks' | 'emailRetentionMs'>,
  ) {}

  async purgeNowAndThen(heartbeat?: () => void): Promise<OutboxPurge> {
    if (performance.now() - this.lastPurgeAt < PURGE_EVERY_MS) return { webhookEvents: 0, emails: 0 };
    this.lastPurgeAt = performance.now();
    const now = this.clock.now().getTime();
    const webhookCutoff = new Date(now - this.config.webhooks.retentionMs);
    const emailCutoff = new Date(now - this.config.emailRetentionMs);
    return {
      webhookEvents: await this.purge('settled webhook events, with their deliveries,', webhookCutoff, () =>
        purgeSettledWebhookEvents(this.dataSource, webhookCutoff, { afterBatch: heartbeat }),
      ),
      emails: await this.purge('sent or cancelled emails', emailCutoff, () => purgeSettledEmails(this.dataSource, emailCutoff, { afterBatch: heartbeat })),
    };
  }

  private async purge(what: string, cutoff: Date, run: () => Promise<number>): Promise<number> {
    try {
      const purged = await run();
      if (purged > 0) this.logger.log(`deleted ${purged} ${what} from before ${cutoff.toISOString()}`);
      return purged;
    } catch (error) {
      this.logger.warn(`could not delete ${what} past their retention: ${(error as Error).message}`);
      return 0;
    }
  }
}
