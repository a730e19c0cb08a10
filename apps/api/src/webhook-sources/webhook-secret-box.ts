import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook sources' signing secrets at rest: AES-256-GCM under the key from WEBHOOK_SECRET_KEY,
 * with the source's id as associated data, so a ciphertext copied onto another source's row
 * does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url; `v1` leaves room for
 * a key rotation scheme later.
 */
const VERSION = 'v1';

export class WebhookSecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the webhook secret key must be 32 bytes');
  }

  seal(sourceId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(sourceId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Throws when the text was not sealed for this source under this key (or was altered). */
  open(sourceId: string, sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(sourceId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
