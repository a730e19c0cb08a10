import { webhookSecretKeyOf, type WebhookSecretKey } from '@aigov/config/webhook-delivery.config';
import { openWebhookSecret, sealWebhookSecret } from '@aigov/notifications/webhook-secret-box';

/**
 * Webhook sources' signing secrets at rest, sealed as outbound subscriptions' are
 * (libs/notifications/webhook-secret-box: AES-256-GCM, the source's id as associated data, so a
 * ciphertext copied onto another source's row does not decrypt), under the one key from
 * WEBHOOK_SECRET_KEY (or derived from ACTION_LINK_SECRET).
 */
export class WebhookSecretBox {
  private readonly keys: readonly WebhookSecretKey[];

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the webhook secret key must be 32 bytes');
    this.keys = [webhookSecretKeyOf(key)];
  }

  seal(sourceId: string, secret: string): string {
    return sealWebhookSecret(this.keys, sourceId, secret);
  }

  /** Throws when the text was not sealed for this source under this key (or was altered). */
  open(sourceId: string, sealed: string): string {
    return openWebhookSecret(this.keys, sourceId, sealed, 'WEBHOOK_SECRET_KEY');
  }
}
