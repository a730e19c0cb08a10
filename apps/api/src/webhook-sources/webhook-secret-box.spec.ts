import { randomBytes } from 'node:crypto';
import { WebhookSecretBox } from './webhook-secret-box';

describe('WebhookSecretBox', () => {
  const box = new WebhookSecretBox(randomBytes(32));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('round-trips a secret, and the stored text holds no part of it', () => {
    const sealed = box.seal('source-a', secret);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open('source-a', sealed)).toBe(secret);
    expect(box.seal('source-a', secret)).not.toBe(sealed);
  });

  it("refuses another source's ciphertext, another key (naming WEBHOOK_SECRET_KEY), and an altered one", () => {
    const sealed = box.seal('source-a', secret);
    expect(() => box.open('source-b', sealed)).toThrow();
    expect(() => new WebhookSecretBox(randomBytes(32)).open('source-a', sealed)).toThrow(/WEBHOOK_SECRET_KEY/);
    const [v, keyId, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[flipped.length - 1] ^= 1;
    expect(() => box.open('source-a', [v, keyId, flipped.toString('base64')].join('.'))).toThrow();
    expect(() => box.open('source-a', 'garbage')).toThrow(/not a sealed/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new WebhookSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
