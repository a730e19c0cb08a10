import { randomBytes } from 'node:crypto';
import { WebhookSecretBox } from './webhook-secret-box';

describe('WebhookSecretBox', () => {
  const box = new WebhookSecretBox(randomBytes(32));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('round-trips a secret, and the stored text holds no part of it', () => {
    const sealed = box.seal('source-a', secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open('source-a', sealed)).toBe(secret);
    expect(box.seal('source-a', secret)).not.toBe(sealed);
  });

  it("refuses another source's ciphertext, another key, and an altered one", () => {
    const sealed = box.seal('source-a', secret);
    expect(() => box.open('source-b', sealed)).toThrow();
    expect(() => new WebhookSecretBox(randomBytes(32)).open('source-a', sealed)).toThrow();
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open('source-a', [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open('source-a', 'garbage')).toThrow(/not a sealed/);
  });
});
