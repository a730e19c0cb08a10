import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { classifyAddress, hostOf, isAllowedAddress } from '@aigov/domain/webhooks/webhook-destination';

export interface WebhookPostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_DESTINATIONS */
  allowPrivate: boolean;
}

/** What one POST came to: the status answered, or why there was none. */
export interface WebhookPostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** An answer's body is read (so the connection ends cleanly) but never kept beyond this. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class DestinationRefusedError extends Error {
  override readonly name = 'DestinationRefusedError';
}

/**
 * A DNS lookup that drops every address webhooks may not reach, at connection time: a name that
 * resolved to a public address when the subscription was saved and to 169.254.169.254 now
 * (DNS rebinding) is refused here, on the address actually connected to.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { all: true, family: options?.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const allowed = addresses.filter((a) => isAllowedAddress(a.address, allowPrivate));
      if (allowed.length === 0) {
        const kinds = [...new Set(addresses.map((a) => classifyAddress(a.address)))].join(', ');
        return callback(new DestinationRefusedError(`${hostname} resolves only to addresses webhooks may not reach (${kinds})`));
      }
      if (options?.all) return callback(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  }) as LookupFunction;
}

/**
 * One POST of a signed webhook: a fresh connection (no pooled socket carries over between
 * subscriptions), no redirects followed (a 3xx is an answer like any other non-2xx), the
 * whole exchange bounded by `timeoutMs`. Never throws: every failure is a result to record.
 */
export function postWebhook(req: WebhookPostRequest): Promise<WebhookPostResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return finish(null, 'not a valid URL');
    }
    const literal = classifyAddress(hostOf(url));
    if (literal && !isAllowedAddress(hostOf(url), req.allowPrivate)) {
      return finish(null, `destination refused: a ${literal} address (WEBHOOK_ALLOW_PRIVATE_DESTINATIONS)`);
    }
    const body = Buffer.from(req.body, 'utf8');
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...req.headers, 'content-length': String(body.length), 'user-agent': 'aigov-webhooks/1' },
      agent: false,
      lookup: guardedLookup(req.allowPrivate),
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, options, (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) {
          finish(response.statusCode ?? null, null);
          response.destroy();
        }
      });
      response.on('end', () => finish(response.statusCode ?? null, null));
      response.on('error', () => finish(response.statusCode ?? null, null));
    });
    timer = setTimeout(() => {
      finish(null, `no answer within ${req.timeoutMs} ms`);
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error instanceof DestinationRefusedError;
      finish(null, refused ? `destination refused: ${error.message}` : error.code ? `${error.code}: ${error.message}` : error.message);
    });
    request.end(body);
  });
}
