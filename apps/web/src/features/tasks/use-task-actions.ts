import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['tasks'] }), queryClient.invalidateQueries({ queryKey: ['ai-systems'] })]);
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
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
