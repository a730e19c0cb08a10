import { randomBytes } from 'node:crypto';
import { webhookSecretKeyOf } from '@aigov/config/webhook-delivery.config';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret-box';

describe('webhook secrets at rest', () => {
  const oldKey = webhookSecretKeyOf(randomBytes(32));
  const newKey = webhookSecretKeyOf(randomBytes(32));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('stores no plaintext and opens with the same key and subscription', () => {
    const sealed = sealWebhookSecret([oldKey], 'sub-1', secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(sealed.startsWith(`v1.${oldKey.id}.`)).toBe(true);
    expect(openWebhookSecret([oldKey], 'sub-1', sealed)).toBe(secret);
  });

  it('reads secrets sealed with an older key after a new key is put first', () => {
    const sealed = sealWebhookSecret([oldKey], 'sub-1', secret);
    expect(openWebhookSecret([newKey, oldKey], 'sub-1', sealed)).toBe(secret);
    expect(sealWebhookSecret([newKey, oldKey], 'sub-1', secret).startsWith(`v1.${newKey.id}.`)).toBe(true);
    expect(() => openWebhookSecret([newKey], 'sub-1', sealed)).toThrow(/not configured/);
  });

  it('refuses a ciphertext moved to another subscription or altered', () => {
    const sealed = sealWebhookSecret([oldKey], 'sub-1', secret);
    expect(() => openWebhookSecret([oldKey], 'sub-2', sealed)).toThrow();
    const bytes = Buffer.from(sealed.split('.')[2], 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openWebhookSecret([oldKey], 'sub-1', `v1.${oldKey.id}.${bytes.toString('base64')}`)).toThrow();
  });
});
