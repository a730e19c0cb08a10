import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { checkpointMessage, checkpointPublicKey, CheckpointStatement, signCheckpoint, verifyCheckpointSignature } from './audit-checkpoint';

describe('audit checkpoints', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const statement: CheckpointStatement = { streamId: 'user:0b4c', headSeq: 12, headHash: 'a'.repeat(64), checkpointedAt: '2026-11-30T19:00:00Z' };

  it('signs canonical JSON that anyone can verify with node:crypto and the published PEM alone', () => {
    const signature = signCheckpoint(privateKey, statement);
    const message = checkpointMessage(statement);
    expect(message).toBe(
      `{"checkpointedAt":"2026-11-30T19:00:00.000Z","format":"aigov-audit-checkpoint/v1","headHash":"${'a'.repeat(64)}","headSeq":12,"streamId":"user:0b4c"}`,
    );
    const published = checkpointPublicKey(privateKey);
    expect(verify(null, Buffer.from(message, 'utf8'), createPublicKey(published.pem), Buffer.from(signature, 'base64'))).toBe(true);
    // the JWK is the same key
    expect(verify(null, Buffer.from(message, 'utf8'), createPublicKey({ key: published.jwk, format: 'jwk' }), Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('refuses a changed statement, another key and a malformed signature', () => {
    const signature = signCheckpoint(privateKey, statement);
    const publicKey = createPublicKey(privateKey);
    expect(verifyCheckpointSignature(publicKey, statement, signature)).toBe(true);
    for (const changed of [{ headSeq: 11 }, { headHash: 'b'.repeat(64) }, { streamId: 'user:other' }, { checkpointedAt: '2026-11-30T19:00:01Z' }]) {
      expect(verifyCheckpointSignature(publicKey, { ...statement, ...changed }, signature)).toBe(false);
    }
    expect(verifyCheckpointSignature(generateKeyPairSync('ed25519').publicKey, statement, signature)).toBe(false);
    expect(verifyCheckpointSignature(publicKey, statement, 'not-a-signature')).toBe(false);
  });

  it('names a key by its RFC 7638 thumbprint, the same from the private and the public half', () => {
    const fromPrivate = checkpointPublicKey(privateKey);
    const fromPublic = checkpointPublicKey(createPublicKey(privateKey));
    expect(fromPrivate).toEqual(fromPublic);
    expect(fromPrivate.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromPrivate.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: fromPrivate.keyId });
    expect(fromPrivate.pem).toContain('BEGIN PUBLIC KEY');
    expect(checkpointPublicKey(generateKeyPairSync('ed25519').privateKey).keyId).not.toBe(fromPrivate.keyId);
    expect(() => checkpointPublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519/);
  });
});
