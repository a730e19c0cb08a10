import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type WebhookSource = components['schemas']['WebhookSourceView'];
export type WebhookSourceWithSecret = components['schemas']['WebhookSourceSecretView'];
export type CreateWebhookSource = components['schemas']['CreateWebhookSourceDto'];
export type UpdateWebhookSource = components['schemas']['UpdateWebhookSourceDto'];

export const webhookSourcesQuery = (page: number) =>
  queryOptions({
    queryKey: ['webhook-sources', 'list', page],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhook-sources', { params: { query: { page, pageSize: 50 } } })),
  });

/** Every AI system an admin may name for a source (the first 200 by the inventory's order). */
export const systemChoicesQuery = queryOptions({
  queryKey: ['ai-systems', 'choices'],
  queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems', { params: { query: { pageSize: 200 } } })),
  staleTime: 60_000,
});

function useSourceMutation<Args, Result>(run: (args: Args) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-sources'] }) });
}

export const useCreateWebhookSource = () =>
  useSourceMutation(async (body: CreateWebhookSource) => unwrap(await api.POST('/api/v1/webhook-sources', { body })));

export const useUpdateWebhookSource = (id: string) =>
  useSourceMutation(async (body: UpdateWebhookSource) => unwrap(await api.PATCH('/api/v1/webhook-sources/{id}', { params: { path: { id } }, body })));

export const useRotateWebhookSecret = (id: string) =>
  useSourceMutation(async (previousSecretValidMinutes: number) =>
    unwrap(await api.POST('/api/v1/webhook-sources/{id}/secret-rotation', { params: { path: { id } }, body: { previousSecretValidMinutes } })),
  );

export const useDisableWebhookSource = (id: string) =>
  useSourceMutation(async () => unwrap(await api.POST('/api/v1/webhook-sources/{id}/disable', { params: { path: { id } } })));
