import { useRef } from 'react';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../../api/client';
import { unwrap } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type ModelRegistryEvent = components['schemas']['ModelRegistryEventView'];
export type ProposalCompletion = components['schemas']['CompleteModelVersionProposalDto'];

/**
 * The registry events about a system, newest first (the first 100: the tab shows what is recent).
 * Always read again when the tab opens: they arrive from MLflow, not from this screen.
 */
export const modelRegistryEventsQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'model-registry'],
    staleTime: 0,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/ai-systems/{id}/model-registry/events', { params: { path: { id: systemId }, query: { pageSize: 100 } } })),
  });

/** A write on the system's registry side, kept under one Idempotency-Key until it succeeds; then every read of the system again. */
function useRegistryWrite<Body, Result>(systemId: string, send: (body: Body, key: string) => Promise<Result>) {
  const queryClient = useQueryClient();
  const key = useRef<string | null>(null);
  return useMutation({
    mutationFn: (body: Body) => send(body, (key.current ??= idempotencyKey())),
    onSuccess: async () => {
      key.current = null;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId] }),
        queryClient.invalidateQueries({ queryKey: ['ai-systems', 'list'] }),
      ]);
    },
  });
}

export const useSetRegisteredModel = (systemId: string) =>
  useRegistryWrite(systemId, async (registeredModelName: string | null, key) =>
    unwrap(
      await api.PUT('/api/v1/ai-systems/{id}/registered-model', {
        params: { path: { id: systemId }, header: { 'Idempotency-Key': key } },
        body: { registeredModelName },
      }),
    ),
  );

export const useCompleteProposal = (systemId: string, eventId: string) =>
  useRegistryWrite(systemId, async (body: ProposalCompletion, key) =>
    unwrap(
      await api.POST('/api/v1/ai-systems/{id}/model-registry/events/{eventId}/material-change', {
        params: { path: { id: systemId, eventId }, header: { 'Idempotency-Key': key } },
        body,
      }),
    ),
  );

export const useDismissProposal = (systemId: string, eventId: string) =>
  useRegistryWrite(systemId, async (reason: string, key) =>
    unwrap(
      await api.POST('/api/v1/ai-systems/{id}/model-registry/events/{eventId}/dismissal', {
        params: { path: { id: systemId, eventId }, header: { 'Idempotency-Key': key } },
        body: { reason },
      }),
    ),
  );
