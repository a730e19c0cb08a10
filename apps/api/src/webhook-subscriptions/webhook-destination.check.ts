import { Resolver } from 'node:dns/promises';
import { checkWebhookUrl, classifyAddress, hostOf, isAllowedAddress } from '@aigov/domain/webhooks/webhook-destination';
import { badRequest } from '../common/api-error';

/** DNS answers the check waits for at most: a request must not hang on a resolver that does not answer. */
const DNS_TIMEOUT_MS = 2_000;

/** The host's A and AAAA records, from DNS (c-ares: no thread-pool slot held while a resolver is slow). */
async function addressesOf(host: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  return [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
}

/**
 * The API's check of a subscription URL: its form (scheme, no credentials), and unless private
 * destinations are allowed, every address its host resolves to now. The worker checks again at
 * each connection, on the address it connects to (DNS may change, /etc/hosts may say more);
 * this one tells the admin at once.
 */
export async function requireWebhookDestination(raw: string, allowPrivate: boolean): Promise<string> {
  const checked = checkWebhookUrl(raw.trim(), allowPrivate);
  if (!checked.ok) throw badRequest(checked.refusal.message, checked.refusal.field);
  const host = hostOf(checked.url);
  if (!allowPrivate && classifyAddress(host) === null) {
    const addresses = await addressesOf(host);
    if (addresses.length === 0) throw badRequest(`url's host ${host} does not resolve to an address`, 'url');
    const refused = addresses.find((a) => !isAllowedAddress(a, false));
    if (refused) {
      throw badRequest(`url's host ${host} resolves to a ${classifyAddress(refused)?.replace('_', '-')} address, which webhooks may not reach (WEBHOOK_ALLOW_PRIVATE_DESTINATIONS)`, 'url');
    }
  }
  return checked.url.toString();
}
