import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { WEBHOOK_TOLERANCE_SECONDS } from '@aigov/config/monitoring-webhook.config';
import { verifyWebhook, WebhookSignatureError, type WebhookHeaders } from '@aigov/notifications/standard-webhook-signature';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { MonitoringResultView } from '../ai-systems/dto/ai-system.view';
import type { RecordMonitoringEventDto } from '../ai-systems/dto/lifecycle-actions.dto';
import { ApiError } from '../common/api-error';
import { createValidationPipe } from '../common/validation.pipe';
import { WebhookSourcesService } from '../webhook-sources/webhook-sources.service';
import { WebhookMonitoringEventDto } from './webhook-monitoring-event.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Receipts are kept this long past the tolerance window, for clock differences between replicas. */
const RECEIPT_MARGIN_MS = 60_000;
/** How often (at most) a process deletes receipts no replay could still match. */
const PRUNE_EVERY_MS = 60_000;

const SIGNATURE_FIELD: Record<WebhookSignatureError['reason'], string> = {
  missing_headers: 'webhook-signature',
  bad_timestamp: 'webhook-timestamp',
  timestamp_too_old: 'webhook-timestamp',
  timestamp_in_future: 'webhook-timestamp',
  no_matching_signature: 'webhook-signature',
};

/**
 * Deliveries from webhook sources, checked in the order that writes nothing until all pass:
 * the source (active, 401), its signature over the raw body bytes with a timestamp inside ±5
 * minutes (401), the body (400), the system it may act on (403), then the webhook-id not seen
 * before (409). The receipt and the workflow Update share one transaction: a refused or failed
 * Update leaves no receipt, so the sender's retry (same webhook-id) is still accepted, and a
 * second delivery of the same id waits on the first's row lock and is then refused.
 */
@Injectable()
export class WebhookDeliveriesService {
  private readonly logger = new Logger('WebhookDeliveries');
  private readonly validation = createValidationPipe();
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sources: WebhookSourcesService,
    private readonly systems: AiSystemsService,
  ) {}

  async receive(sourceId: string, headers: Partial<Record<keyof WebhookHeaders, string | string[] | undefined>>, rawBody: Buffer | undefined, body: unknown): Promise<MonitoringResultView> {
    const now = this.clock.now();
    const credentials = UUID.test(sourceId) ? await this.sources.credentials(sourceId.toLowerCase(), now, 'standard') : null;
    // Unknown and disabled sources answer alike, so probing reveals nothing about which exist.
    if (!credentials) throw new ApiError(401, 'unknown or disabled webhook source', 'sourceId');
    if (!rawBody) throw new ApiError(400, 'a JSON body is required', 'body');
    let delivery: { id: string; timestamp: Date };
    try {
      delivery = verifyWebhook(credentials.secrets, headers, rawBody, { now, toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS });
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw new ApiError(401, error.message, SIGNATURE_FIELD[error.reason]);
      throw error;
    }
    if (delivery.id.length > 255) throw new ApiError(400, 'webhook-id must be at most 255 characters', 'webhook-id');

    const dto = (await this.validation.transform(body, { type: 'body', metatype: WebhookMonitoringEventDto })) as WebhookMonitoringEventDto;
    const aiSystemId = dto.aiSystemId.toLowerCase();
    if (credentials.aiSystemIds && !credentials.aiSystemIds.has(aiSystemId)) {
      throw new ApiError(403, `webhook source '${credentials.source.name}' may not act on AI system ${aiSystemId}`, 'aiSystemId');
    }
    const { aiSystemId: _, ...event } = dto;
    const result = await this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO webhook_receipts (source_id, webhook_id, webhook_timestamp, received_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source_id, webhook_id) DO NOTHING RETURNING webhook_id`,
        [credentials.source.id, delivery.id, delivery.timestamp, now],
      );
      if (inserted.length === 0) throw new ApiError(409, `webhook-id ${delivery.id} was delivered before; a replay is not acted on again`, 'webhook-id');
      const outcome = await this.systems.recordMonitoringEvent(aiSystemId, { ...event, source: event.source ?? credentials.source.name } as RecordMonitoringEventDto, null);
      await tx.query('UPDATE webhook_receipts SET monitoring_event_id = $3 WHERE source_id = $1 AND webhook_id = $2', [credentials.source.id, delivery.id, outcome.eventId]);
      return outcome;
    });
    void this.pruneNowAndThen(now);
    return result;
  }

  /** Deletes receipts whose timestamp is past the window: the timestamp check refuses those replays by itself. */
  private async pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - WEBHOOK_TOLERANCE_SECONDS * 1000 - RECEIPT_MARGIN_MS);
    try {
      await this.dataSource.query('DELETE FROM webhook_receipts WHERE webhook_timestamp < $1', [before]);
    } catch (error) {
      this.logger.warn(`pruning webhook receipts failed: ${(error as Error).message}`);
    }
  }
}
