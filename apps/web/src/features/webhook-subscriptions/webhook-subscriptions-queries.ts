import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type WebhookSubscription = components['schemas']['WebhookSubscriptionView'];
export type SubscriptionWithSecret = components['schemas']['CreatedWebhookSubscriptionView'];
export type CreateSubscription = components['schemas']['CreateWebhookSubscriptionDto'];
export type UpdateSubscription = components['schemas']['UpdateWebhookSubscriptionDto'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryView'];
export type WebhookEventType = components['schemas']['WebhookEventTypeView'];

export const subscriptionsQuery = (page: number) =>
  queryOptions({
    queryKey: ['webhook-subscriptions', 'list', page],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhook-subscriptions', { params: { query: { page, pageSize: 50 } } })),
  });

export const subscriptionQuery = (id: string) =>
  queryOptions({
    queryKey: ['webhook-subscriptions', 'one', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhook-subscriptions/{id}', { params: { path: { id } } })),
  });

export const deliveriesQuery = (id: string, page: number) =>
  queryOptions({
    queryKey: ['webhook-subscriptions', 'deliveries', id, page],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhook-subscriptions/{id}/deliveries', { params: { path: { id }, query: { page, pageSize: 25 } } })),
  });

export const eventTypesQuery = queryOptions({
  queryKey: ['webhook-subscriptions', 'event-types'],
  queryFn: async () => unwrap(await api.GET('/api/v1/webhook-subscriptions/event-types')),
  staleTime: Infinity,
});

function useSubscriptionMutation<Args, Result>(run: (args: Args) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-subscriptions'] }) });
}

export const useCreateSubscription = () =>
  useSubscriptionMutation(async (body: CreateSubscription) => unwrap(await api.POST('/api/v1/webhook-subscriptions', { body })));

export const useUpdateSubscription = (id: string) =>
  useSubscriptionMutation(async (body: UpdateSubscription) => unwrap(await api.PATCH('/api/v1/webhook-subscriptions/{id}', { params: { path: { id } }, body })));

export const useRotateSubscriptionSecret = (id: string) =>
  useSubscriptionMutation(async (previousSecretHours: number) =>
    unwrap(await api.POST('/api/v1/webhook-subscriptions/{id}/rotate-secret', { params: { path: { id } }, body: { previousSecretHours } })),
  );

/** Refreshes only the lists: the deleted subscription's own page would read a 404 while it navigates away. */
export function useDeleteSubscription(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/webhook-subscriptions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-subscriptions', 'list'] }),
  });
}
