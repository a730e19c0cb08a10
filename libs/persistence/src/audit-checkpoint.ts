import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './audit-chain';

/**
 * Signed checkpoints of audit stream heads. A hash chain shows an edited, moved or deleted event
 * anywhere but at its end: removing a stream's newest events leaves a shorter, valid chain. A
 * checkpoint states "stream S had N events, the N-th hashing to H, at time T", signed with an
 * Ed25519 key the database does not hold; a later chain whose head is below N, or whose N-th
 * event hashes differently, was cut or rewritten.
 */
export const CHECKPOINT_FORMAT = 'aigov-audit-checkpoint/v1';

export interface CheckpointStatement {
  streamId: string;
  headSeq: number;
  headHash: string;
  /** ISO-8601 with milliseconds, UTC */
  checkpointedAt: string;
}

/**
 * The exact bytes signed (UTF-8): canonical JSON (keys sorted, no whitespace) of the statement
 * and its format, e.g.
 * {"checkpointedAt":"2026-11-30T19:00:00.000Z","format":"aigov-audit-checkpoint/v1","headHash":"ab…","headSeq":12,"streamId":"user:…"}
 */
export function checkpointMessage(statement: CheckpointStatement): string {
  return canonicalJson({
    format: CHECKPOINT_FORMAT,
    streamId: statement.streamId,
    headSeq: statement.headSeq,
    headHash: statement.headHash,
    checkpointedAt: new Date(statement.checkpointedAt).toISOString(),
  });
}

/** base64 of the 64-byte Ed25519 signature over checkpointMessage */
export function signCheckpoint(privateKey: KeyObject, statement: CheckpointStatement): string {
  return sign(null, Buffer.from(checkpointMessage(statement), 'utf8'), privateKey).toString('base64');
}

export function verifyCheckpointSignature(publicKey: KeyObject, statement: CheckpointStatement, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(checkpointMessage(statement), 'utf8'), publicKey, bytes);
  } catch {
    return false;
  }
}

export interface CheckpointPublicKey {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url): names the key in every checkpoint it signed */
  keyId: string;
  algorithm: 'Ed25519';
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  /** SubjectPublicKeyInfo PEM, what `openssl pkey -pubin` and node:crypto's createPublicKey read */
  pem: string;
}

/** The public half of a signing key (or a public key itself), as published. */
export function checkpointPublicKey(key: KeyObject): CheckpointPublicKey {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`checkpoint keys are Ed25519, not ${publicKey.asymmetricKeyType}`);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  // The thumbprint's input: the required members in lexicographic order, no whitespace.
  const keyId = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  return {
    keyId,
    algorithm: 'Ed25519',
    jwk: { kty: 'OKP', crv: 'Ed25519', x, kid: keyId, alg: 'EdDSA', use: 'sig' },
    pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}
