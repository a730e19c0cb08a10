import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import type { Scope } from './scope-draft';

export type SystemScope = components['schemas']['AiSystemScopeView'];
export type ApprovedScope = components['schemas']['ApprovedScopeView'];
export type ScopeDiff = components['schemas']['ScopeDiffView'];
export type AuthorizeRequest = components['schemas']['AuthorizeRequestDto'];
export type AuthorizeAnswer = components['schemas']['AuthorizeView'];

/** Keyed under the system, so any action on the system refreshes its scope too. */
export const scopeQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'scope'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/scope', { params: { path: { id: systemId } } })),
  });

export function useProposeScope(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Scope) =>
      unwrap(await api.PUT('/api/v1/ai-systems/{id}/scope/proposal', { params: { path: { id: systemId } }, body })),
    onSuccess: (view) => queryClient.setQueryData(scopeQuery(systemId).queryKey, view),
  });
}

/** The governance office asks authorize with its own session: the same answer a gateway gets. */
export function useTestScope() {
  return useMutation({
    mutationFn: async (body: AuthorizeRequest) => unwrap(await api.POST('/api/v1/authorize', { body })),
  });
}
