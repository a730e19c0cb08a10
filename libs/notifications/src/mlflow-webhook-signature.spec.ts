import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlflowDelivery, pythonJsonDumps } from '../../../test/support/mlflow-webhook';
import { mlflowSignature, MlflowSignatureError, signMlflowDelivery, verifyMlflowDelivery, type MlflowWebhookHeaders } from './mlflow-webhook-signature';

/** Vectors written by a standard-library transcription of MLflow's delivery code (test/fixtures/mlflow/mlflow-delivery-vector.py). */
const VECTORS: Array<{ secret: string; deliveryId: string; timestamp: string; body: string; signature: string }> = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/mlflow/mlflow-delivery-vectors.json'), 'utf8'),
);

const TOLERANCE = 300;
const headersOf = (h: Record<string, string>) => ({
  'x-mlflow-delivery-id': h['X-MLflow-Delivery-Id'],
  'x-mlflow-timestamp': h['X-MLflow-Timestamp'],
  'x-mlflow-signature': h['X-MLflow-Signature'],
});

/**
 * The verification example of MLflow's documentation (docs/docs/classic-ml/webhooks/index.mdx,
 * "Example: FastAPI Webhook Receiver"), transcribed: the verdict ours must agree with.
 */
function mlflowDocsVerify(payload: string, signature: string, secret: string, deliveryId: string, timestamp: string): boolean {
  if (!signature.startsWith('v1,')) return false;
  const signatureB64 = signature.slice('v1,'.length);
  const signedContent = `${deliveryId}.${timestamp}.${payload}`;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(signedContent, 'utf8')).digest().toString('base64');
  return signatureB64 === expected;
}

describe('MLflow webhook signature', () => {
  it('accepts the vectors signed by the transcription of MLflow\'s delivery code, over the raw bytes sent', () => {
    for (const v of VECTORS) {
      const now = new Date(Number(v.timestamp) * 1000 + 30_000);
      const headers = { 'x-mlflow-delivery-id': v.deliveryId, 'x-mlflow-timestamp': v.timestamp, 'x-mlflow-signature': v.signature };
      expect(verifyMlflowDelivery([v.secret], headers, Buffer.from(v.body, 'utf8'), { now, toleranceSeconds: TOLERANCE })).toEqual({
        deliveryId: v.deliveryId,
        timestamp: new Date(Number(v.timestamp) * 1000),
      });
      // Our signer and the documentation's verifier agree with the vector.
      expect(mlflowSignature(v.secret, v.deliveryId, v.timestamp, v.body)).toBe(v.signature);
      expect(mlflowDocsVerify(v.body, v.signature, v.secret, v.deliveryId, v.timestamp)).toBe(true);
    }
  });

  it('reproduces the vectors\' bodies with the Node transcription the integration specs use (json.dumps, ensure_ascii)', () => {
    const [created] = VECTORS;
    const envelope = JSON.parse(created.body);
    expect(pythonJsonDumps(envelope)).toBe(created.body);
    expect(created.body).toContain('Mod\\u00e8le');
  });

  it('accepts a delivery computed here as MLflow computes it (Node crypto, MLflow\'s steps literally), not through our signer', () => {
    const secret = 'any string MLflow was given as secret=, used as its UTF-8 bytes: ünïcödé too';
    const delivery = mlflowDelivery(secret, { entity: 'model_version', action: 'created', data: { name: 'm', version: '3', source: 's3://b/m', run_id: null, tags: { a: 'é' }, description: null } });
    expect(delivery.body).toMatch(/^\{"entity": "model_version", "action": "created", "timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", "data": \{/);
    const verified = verifyMlflowDelivery([secret], headersOf(delivery.headers), Buffer.from(delivery.body, 'utf8'), { now: new Date(), toleranceSeconds: TOLERANCE });
    expect(verified.deliveryId).toBe(delivery.deliveryId);
  });

  it('keys the HMAC with the whole secret as UTF-8 (a whsec_ secret is not base64-decoded as Standard Webhooks would)', () => {
    const secret = `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`;
    const id = randomUUID();
    const ts = '1753950452';
    const expected = createHmac('sha256', secret).update(`${id}.${ts}.{}`).digest('base64');
    expect(mlflowSignature(secret, id, ts, '{}')).toBe(`v1,${expected}`);
  });

  describe('refusals', () => {
    const secret = 'mlflow-secret';
    const now = new Date('2026-03-01T12:00:00Z');
    const body = '{"entity": "model_version", "action": "created"}';
    const signed = signMlflowDelivery(secret, 'delivery-1', now, body);
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof MlflowSignatureError ? error.reason : `not a signature error: ${String(error)}`;
      }
      return 'accepted';
    };
    const verify = (headers: Partial<Record<keyof MlflowWebhookHeaders, string | string[] | undefined>>, opts: { body?: string; secrets?: string[]; at?: Date } = {}) =>
      reason(() => verifyMlflowDelivery(opts.secrets ?? [secret], headers, Buffer.from(opts.body ?? body), { now: opts.at ?? now, toleranceSeconds: TOLERANCE }));

    it('accepts the delivery as signed, with the previous secret during a rotation too', () => {
      expect(verify(signed)).toBe('accepted');
      expect(verify(signed, { secrets: ['new-secret', secret] })).toBe('accepted');
    });

    it('refuses a missing header, a repeated one, and a timestamp that is not whole seconds', () => {
      expect(verify({ ...signed, 'x-mlflow-signature': undefined })).toBe('missing_headers');
      expect(verify({ ...signed, 'x-mlflow-delivery-id': '' })).toBe('missing_headers');
      expect(verify({ ...signed, 'x-mlflow-timestamp': [signed['x-mlflow-timestamp'], signed['x-mlflow-timestamp']] })).toBe('missing_headers');
      expect(verify({ ...signed, 'x-mlflow-timestamp': '2026-03-01T12:00:00Z' })).toBe('bad_timestamp');
      expect(verify({ ...signed, 'x-mlflow-timestamp': '1.5' })).toBe('bad_timestamp');
    });

    it('refuses timestamps more than the tolerance away, either way, and accepts them at its edge', () => {
      expect(verify(signed, { at: new Date(now.getTime() + 300_000) })).toBe('accepted');
      expect(verify(signed, { at: new Date(now.getTime() + 301_000) })).toBe('timestamp_too_old');
      expect(verify(signed, { at: new Date(now.getTime() - 301_000) })).toBe('timestamp_in_future');
    });

    it('refuses another secret, a changed body, id or timestamp, a re-serialised body and a signature without v1,', () => {
      expect(verify(signed, { secrets: ['another-secret'] })).toBe('no_matching_signature');
      expect(verify(signed, { body: body.replace('created', 'deleted') })).toBe('no_matching_signature');
      expect(verify(signed, { body: JSON.stringify(JSON.parse(body)) })).toBe('no_matching_signature');
      expect(verify({ ...signed, 'x-mlflow-delivery-id': 'delivery-2' })).toBe('no_matching_signature');
      const later = String(Number(signed['x-mlflow-timestamp']) + 1);
      expect(verify({ ...signed, 'x-mlflow-timestamp': later })).toBe('no_matching_signature');
      expect(verify({ ...signed, 'x-mlflow-signature': signed['x-mlflow-signature'].slice(3) })).toBe('no_matching_signature');
      expect(verify({ ...signed, 'x-mlflow-signature': `v2,${signed['x-mlflow-signature'].slice(3)}` })).toBe('no_matching_signature');
      expect(verify({ ...signed, 'x-mlflow-signature': 'v1,short' })).toBe('no_matching_signature');
      expect(verify(signed, { secrets: [] })).toBe('no_matching_signature');
    });
  });
});
