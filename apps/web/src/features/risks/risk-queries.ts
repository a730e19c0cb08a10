import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components, operations } from '../../api/schema';
import { useIntentKey } from '../management-system/intent-key';

export type Risk = components['schemas']['RiskView'];
export type RiskMatrix = components['schemas']['RiskMatrixReportView'];
export type RiskMatrixCell = components['schemas']['RiskMatrixCellView'];
export type CreateRisk = components['schemas']['CreateRiskDto'];
export type UpdateRisk = components['schemas']['UpdateRiskDto'];
export type RiskFilters = NonNullable<operations['RisksController_list']['parameters']['query']>;

export const RISK_SOURCES = ['information_security', 'ai', 'both'] as const;
export const RISK_STATUSES = ['draft', 'open', 'accepted', 'closed'] as const;
export const RISK_TREATMENTS = ['mitigate', 'accept', 'avoid', 'transfer'] as const;

export const SOURCE_LABELS: Record<string, string> = { information_security: 'Information security', ai: 'AI', both: 'Information security and AI' };

export const risksQuery = (filters: RiskFilters) =>
  queryOptions({
    queryKey: ['risks', 'list', filters],
    queryFn: async () => unwrap(await api.GET('/api/v1/risks', { params: { query: filters } })),
  });

export const riskQuery = (id: string) =>
  queryOptions({
    queryKey: ['risks', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/risks/{id}', { params: { path: { id } } })),
  });

export const acceptanceRoundsQuery = (id: string) =>
  queryOptions({
    queryKey: ['risks', id, 'acceptance'],
    queryFn: async () => unwrap(await api.GET('/api/v1/risks/{id}/acceptance', { params: { path: { id } } })),
  });

/** The policy's matrix and the open risks per cell: the heat map, and the levels a rating offers. */
export const riskMatrixQuery = queryOptions({
  queryKey: ['risks', 'matrix'],
  queryFn: async () => unwrap(await api.GET('/api/v1/reports/risk-matrix')),
});

/** AI systems a risk can name (the first 200 by the inventory's order). */
export const systemChoicesQuery = queryOptions({
  queryKey: ['ai-systems', 'choices'],
  queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems', { params: { query: { pageSize: 200 } } })),
  staleTime: 60_000,
});

export function useCreateRisk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateRisk) => unwrap(await api.POST('/api/v1/risks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['risks'] }),
  });
}

export function useUpdateRisk(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateRisk) => unwrap(await api.PATCH('/api/v1/risks/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['risks'] }),
  });
}

export function useRequestAcceptance(id: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (justification: string) =>
      unwrap(await api.POST('/api/v1/risks/{id}/acceptance', { params: { path: { id }, header: { 'Idempotency-Key': intent.current() } }, body: { justification } })),
    onSuccess: () => {
      intent.done();
      return queryClient.invalidateQueries({ queryKey: ['risks'] });
    },
  });
}
