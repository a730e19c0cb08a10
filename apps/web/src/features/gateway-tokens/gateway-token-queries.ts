import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type GatewayToken = components['schemas']['GatewayTokenView'];
export type GatewayTokenRequest = components['schemas']['IssueGatewayTokenDto'];

export const gatewayTokensQuery = queryOptions({
  queryKey: ['gateway-tokens'],
  queryFn: async () => unwrap(await api.GET('/api/v1/gateway-tokens')),
});

function useGatewayTokenWrite<Arg, Result>(send: (arg: Arg) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['gateway-tokens'] }) });
}

export const useIssueGatewayToken = () => useGatewayTokenWrite(async (body: GatewayTokenRequest) => unwrap(await api.POST('/api/v1/gateway-tokens', { body })));

export const useRotateGatewayToken = () =>
  useGatewayTokenWrite(async (id: string) => unwrap(await api.POST('/api/v1/gateway-tokens/{id}/rotate', { params: { path: { id } }, body: {} })));

export const useRevokeGatewayToken = () =>
  useGatewayTokenWrite(async (id: string) => unwrap(await api.DELETE('/api/v1/gateway-tokens/{id}', { params: { path: { id } } })));
