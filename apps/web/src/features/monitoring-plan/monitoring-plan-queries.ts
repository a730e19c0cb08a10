import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useIntentKey } from '../management-system/intent-key';
import type { SaveMonitoringPlan } from './plan-form';

/** Keys under ['ai-systems', id] so a change to the system refreshes its plan too. */
export const monitoringPlanQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'monitoring-plan'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/monitoring-plan', { params: { path: { id: systemId } } })),
  });

export const reviewSheetQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'monitoring-plan', 'review-sheet'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/monitoring-plan/review-sheet', { params: { path: { id: systemId } } })),
  });

/** PUT the whole plan: it becomes the next version; the plan and the documents are read again. */
export function useSaveMonitoringPlan(systemId: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (body: SaveMonitoringPlan) =>
      unwrap(
        await api.PUT('/api/v1/ai-systems/{id}/monitoring-plan', {
          params: { path: { id: systemId }, header: { 'Idempotency-Key': intent.current() } },
          body,
        }),
      ),
    onSuccess: async () => {
      intent.done();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId, 'monitoring-plan'] }),
        queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId, 'documentation'] }),
      ]);
    },
  });
}
