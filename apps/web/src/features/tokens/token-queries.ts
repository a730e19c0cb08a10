import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type ApiToken = components['schemas']['ApiTokenView'];
export type IssuedToken = components['schemas']['IssuedApiTokenView'];
export type RotatedToken = components['schemas']['RotatedApiTokenView'];

/** A person's tokens, newest first (the API decides whether the reader may see them). */
export const tokensQuery = (userId: string) =>
  queryOptions({
    queryKey: ['api-tokens', userId],
    queryFn: async () => unwrap(await api.GET('/api/v1/users/{id}/tokens', { params: { path: { id: userId } } })),
  });

export function useIssueToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; expiresInDays: number }) => unwrap(await api.POST('/api/v1/users/{id}/tokens', { params: { path: { id: userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens', userId] }),
  });
}

export function useRotateToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) => unwrap(await api.POST('/api/v1/tokens/{id}/rotate', { params: { path: { id: tokenId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens', userId] }),
  });
}

export function useRevokeToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) => unwrap(await api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens', userId] }),
  });
}
