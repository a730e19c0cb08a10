import { lookup } from 'node:dns/promises';
import { checkWebhookUrl, classifyAddress, hostOf, isAllowedAddress } from '@aigov/domain/webhooks/webhook-destination';
import { badRequest } from '../common/api-error';

/**
 * The API's check of a subscription URL: its form (scheme, no credentials), and unless private
 * destinations are allowed, every address its host resolves to now. The worker checks again at
 * each connection (DNS may change); this one tells the admin at once.
 */
export async function requireWebhookDestination(raw: string, allowPrivate: boolean): Promise<string> {
  const checked = checkWebhookUrl(raw.trim(), allowPrivate);
  if (!checked.ok) throw badRequest(checked.refusal.message, checked.refusal.field);
  const host = hostOf(checked.url);
  if (!allowPrivate && classifyAddress(host) === null) {
    let addresses: Array<{ address: string }>;
    try {
      addresses = await lookup(host, { all: true });
    } catch {
      throw badRequest(`url's host ${host} does not resolve`, 'url');
    }
    const refused = addresses.filter((a) => !isAllowedAddress(a.address, false));
    if (refused.length > 0) {
      throw badRequest(`url's host ${host} resolves to a ${classifyAddress(refused[0].address)?.replace('_', '-')} address, which webhooks may not reach (WEBHOOK_ALLOW_PRIVATE_DESTINATIONS)`, 'url');
    }
  }
  return checked.url.toString();
}
