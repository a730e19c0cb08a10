import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  DEFAULT_TOLERANCE_SECONDS,
  formatSecret,
  secretKey,
  signWebhook,
  verifyWebhook,
  WebhookSignatureError,
} from './standard-webhook-signature';

/**
 * Our Standard Webhooks signer and verifier against the `standardwebhooks` package (the
 * scheme's reference implementation for JavaScript, written by nobody here), both ways.
 */
describe('Standard Webhooks signatures', () => {
  const secret = formatSecret(randomBytes(32));
  const body = JSON.stringify({ aiSystemId: '6f1c2e9a-0000-4000-8000-000000000001', kind: 'drift', severity: 'critical', note: 'ünïcödé ✓' });
  const at = new Date('2026-11-30T18:00:00.000Z');
  const seconds = Math.floor(at.getTime() / 1000);

  afterEach(() => jest.useRealTimers());

  /** The package checks timestamps against Date.now(); pin it. */
  function packageClockAt(date: Date): void {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.setSystemTime(date);
  }

  it('makes secrets in the whsec_ format the package accepts', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(() => formatSecret(randomBytes(16))).toThrow(/at least 24 bytes/);
    expect(() => secretKey(`whsec_${randomBytes(8).toString('base64')}`)).toThrow(/at least 24 bytes/);
    expect(() => secretKey('whsec_not base64!')).toThrow(/base64/);
  });

  it('signs deliveries the package verifies', () => {
    const headers = signWebhook(secret, 'msg_2Kp0', at, body);
    expect(headers).toEqual({ 'webhook-id': 'msg_2Kp0', 'webhook-timestamp': String(seconds), 'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/) });
    packageClockAt(at);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(secret).verify(Buffer.from(body), { ...headers })).toEqual(JSON.parse(body));
  });

  it("verifies the package's signatures, of string and byte bodies", () => {
    const signature = new Webhook(secret).sign('msg_from_package', at, body);
    const headers = { 'webhook-id': 'msg_from_package', 'webhook-timestamp': String(seconds), 'webhook-signature': signature };
    expect(verifyWebhook([secret], headers, body, { now: at })).toEqual({ id: 'msg_from_package', timestamp: new Date(seconds * 1000) });
    expect(verifyWebhook([secret], headers, Buffer.from(body, 'utf8'), { now: at }).id).toBe('msg_from_package');
    expect(signWebhook(secret, 'msg_from_package', at, body)['webhook-signature']).toBe(signature);
  });

  it('accepts either secret while a rotation overlaps, both ways', () => {
    const next = formatSecret(randomBytes(32));
    const both = signWebhook([next, secret], 'msg_rot', at, body);
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    packageClockAt(at);
    // A receiver that knows only one of the two secrets accepts the doubly signed delivery.
    expect(new Webhook(secret).verify(body, { ...both })).toEqual(JSON.parse(body));
    expect(new Webhook(next).verify(body, { ...both })).toEqual(JSON.parse(body));
    jest.useRealTimers();
    // We accept a delivery signed with the old secret or the new one, while we hold both.
    for (const signer of [secret, next]) {
      const headers = { 'webhook-id': 'msg_rot', 'webhook-timestamp': String(seconds), 'webhook-signature': new Webhook(signer).sign('msg_rot', at, body) };
      expect(verifyWebhook([next, secret], headers, body, { now: at }).id).toBe('msg_rot');
    }
    // Once the old secret is dropped, a delivery signed with it is refused.
    const old = { 'webhook-id': 'msg_rot', 'webhook-timestamp': String(seconds), 'webhook-signature': new Webhook(secret).sign('msg_rot', at, body) };
    expect(() => verifyWebhook([next], old, body, { now: at })).toThrow(expect.objectContaining({ reason: 'no_matching_signature' }));
  });

  it('agrees with the package on the tolerance edges: exactly 5 minutes either way passes, one second more fails', () => {
    const headers = signWebhook(secret, 'msg_edge', at, body);
    const edges: Array<[offsetSeconds: number, ok: boolean, reason?: string]> = [
      [DEFAULT_TOLERANCE_SECONDS, true],
      [-DEFAULT_TOLERANCE_SECONDS, true],
      [DEFAULT_TOLERANCE_SECONDS + 1, false, 'timestamp_too_old'],
      [-DEFAULT_TOLERANCE_SECONDS - 1, false, 'timestamp_in_future'],
    ];
    for (const [offset, ok, reason] of edges) {
      const now = new Date(at.getTime() + offset * 1000);
      packageClockAt(now);
      const theirs = () => new Webhook(secret).verify(body, { ...headers });
      if (ok) expect(theirs).not.toThrow();
      else expect(theirs).toThrow(WebhookVerificationError);
      jest.useRealTimers();
      const ours = () => verifyWebhook([secret], headers, body, { now });
      if (ok) expect(ours).not.toThrow();
      else expect(ours).toThrow(expect.objectContaining({ reason }));
    }
  });

  it('refuses a tampered body, id or timestamp, and a wrong secret, as the package does', () => {
    const headers = signWebhook(secret, 'msg_tamper', at, body);
    const tampered: Array<[string, { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }, string]> = [
      ['body', headers, body.replace('critical', 'low')],
      ['id', { ...headers, 'webhook-id': 'msg_other' }, body],
      ['timestamp', { ...headers, 'webhook-timestamp': String(seconds - 1) }, body],
      ['a trailing newline', headers, `${body}\n`],
    ];
    for (const [what, h, b] of tampered) {
      packageClockAt(at);
      let theirs = 'accepted';
      try {
        new Webhook(secret).verify(b, { ...h });
      } catch (error) {
        theirs = error instanceof WebhookVerificationError ? 'refused' : String(error);
      }
      jest.useRealTimers();
      let ours = 'accepted';
      try {
        verifyWebhook([secret], h, b, { now: at });
      } catch (error) {
        ours = (error as WebhookSignatureError).reason;
      }
      expect({ what, theirs, ours }).toEqual({ what, theirs: 'refused', ours: 'no_matching_signature' });
    }
    const other = formatSecret(randomBytes(32));
    expect(() => verifyWebhook([other], headers, body, { now: at })).toThrow(expect.objectContaining({ reason: 'no_matching_signature' }));
  });

  it('refuses missing headers, a malformed timestamp and signatures of another version', () => {
    const headers = signWebhook(secret, 'msg_bad', at, body);
    const refusals: Array<[Record<string, string | string[] | undefined>, string]> = [
      [{ ...headers, 'webhook-signature': undefined }, 'missing_headers'],
      [{ ...headers, 'webhook-id': '' }, 'missing_headers'],
      [{ ...headers, 'webhook-id': ['a', 'b'] }, 'missing_headers'],
      [{ ...headers, 'webhook-timestamp': '17e8' }, 'bad_timestamp'],
      [{ ...headers, 'webhook-timestamp': '-5' }, 'bad_timestamp'],
      [{ ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') }, 'no_matching_signature'],
      [{ ...headers, 'webhook-signature': 'v1,' }, 'no_matching_signature'],
    ];
    for (const [h, reason] of refusals) {
      let error: unknown;
      try {
        verifyWebhook([secret], h, body, { now: at });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WebhookSignatureError);
      expect({ h, reason: (error as WebhookSignatureError).reason }).toEqual({ h, reason });
    }
  });
});
