import { useRef } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type TaskDecision = components['schemas']['TaskDecisionDto'];
export type TaskDelegation = components['schemas']['TaskDelegationDto'];

/**
 * One key per intended action, kept until it succeeds: pressing the button again after a
 * timeout or a 503 resends the same key, and the API takes the decision once.
 */
function useIntentKey() {
  const key = useRef<string | null>(null);
  return {
    current: () => (key.current ??= idempotencyKey()),
    done: () => {
      key.current = null;
    },
  };
}

/**
 * After a decision or delegation: the task itself and the inbox are read again. Exactly those:
 * the task's other reads (whom to delegate to) would now be refused, the task being closed.
 */
function refreshTask(queryClient: QueryClient, taskId: string): Array<Promise<void>> {
  queryClient.removeQueries({ queryKey: ['tasks', taskId, 'delegates'] });
  return [queryClient.invalidateQueries({ queryKey: ['tasks', taskId], exact: true }), queryClient.invalidateQueries({ queryKey: ['tasks', 'mine'] })];
}

/** POST /tasks/{id}/decision; on success the task, the inbox and the system are read again. */
export function useDecideTask(taskId: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (body: TaskDecision) =>
      unwrap(
        await api.POST('/api/v1/tasks/{id}/decision', {
          params: { path: { id: taskId }, header: { 'Idempotency-Key': intent.current() } },
          body,
        }),
      ),
    onSuccess: async () => {
      intent.done();
      await Promise.all([...refreshTask(queryClient, taskId), queryClient.invalidateQueries({ queryKey: ['ai-systems'] })]);
    },
  });
}

/** POST /tasks/{id}/delegate. */
export function useDelegateTask(taskId: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (body: TaskDelegation) =>
      unwrap(
        await api.POST('/api/v1/tasks/{id}/delegate', {
          params: { path: { id: taskId }, header: { 'Idempotency-Key': intent.current() } },
          body,
        }),
      ),
    onSuccess: async () => {
      intent.done();
      await Promise.all(refreshTask(queryClient, taskId));
    },
  });
}
