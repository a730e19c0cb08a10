import { formatDateTime } from '../../app/format';
import { Badge } from '../management-system/Badge';
import type { WebhookSubscription } from './webhook-subscriptions-queries';

/** Active, or disabled and why (by a person, or its endpoint answered 410 Gone). */
export function SubscriptionStatus({ subscription: s }: { subscription: WebhookSubscription }) {
  if (s.active) return <Badge value="active" tone="good" label="Active" />;
  const why = s.disabledReason === 'gone' ? 'Disabled: the endpoint answered 410 Gone' : 'Disabled';
  return <Badge value="disabled" tone={s.disabledReason === 'gone' ? 'bad' : 'neutral'} label={s.disabledAt ? `${why} (${formatDateTime(s.disabledAt)})` : why} />;
}
