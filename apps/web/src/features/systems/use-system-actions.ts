import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type Registration = components['schemas']['RegisterAiSystemDto'];
export type Deployment = components['schemas']['RecordDeploymentDto'];
export type ChangeProposal = components['schemas']['ProposeMaterialChangeDto'];
export type RetirementStart = components['schemas']['StartRetirementDto'];
export type Rollback = components['schemas']['RollbackDto'];

/**
 * One Idempotency-Key per intended action, kept until it succeeds: pressing the button again
 * after a timeout or a 503 resends the same key and the API acts once (registration derives the
 * system's id from it, so a retried registration makes no twin).
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

/** A write on the system, then every read of it (and the lists) again. */
function useSystemWrite<Body, Result>(systemId: string, send: (body: Body, key: string) => Promise<Result>) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: (body: Body) => send(body, intent.current()),
    onSuccess: async () => {
      intent.done();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId] }),
        queryClient.invalidateQueries({ queryKey: ['ai-systems', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
    },
  });
}

export function useRegisterSystem() {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (body: Registration) =>
      unwrap(await api.POST('/api/v1/ai-systems', { params: { header: { 'Idempotency-Key': intent.current() } }, body })),
    onSuccess: async () => {
      intent.done();
      await queryClient.invalidateQueries({ queryKey: ['ai-systems', 'list'] });
    },
  });
}

/** Sends a system in design to impact assessment (the assessment page does it before the answers). */
export function useSubmitForAssessment(systemId: string) {
  return useSystemWrite(systemId, async (_: void, key) =>
    unwrap(await api.POST('/api/v1/ai-systems/{id}/submit', { params: { path: { id: systemId }, header: { 'Idempotency-Key': key } } })),
  );
}

export function useSubmitAssessment(systemId: string) {
  return useSystemWrite(systemId, async (answers: Record<string, unknown>, key) =>
    unwrap(
      await api.POST('/api/v1/ai-systems/{id}/impact-assessments', {
        params: { path: { id: systemId }, header: { 'Idempotency-Key': key } },
        body: { answers },
      }),
    ),
  );
}

export function useDeploy(systemId: string) {
  return useSystemWrite(systemId, async (body: Deployment, key) =>
    unwrap(await api.POST('/api/v1/ai-systems/{id}/deployments', { params: { path: { id: systemId }, header: { 'Idempotency-Key': key } }, body })),
  );
}

export function useProposeChange(systemId: string) {
  return useSystemWrite(systemId, async (body: ChangeProposal, key) =>
    unwrap(await api.POST('/api/v1/ai-systems/{id}/changes', { params: { path: { id: systemId }, header: { 'Idempotency-Key': key } }, body })),
  );
}

export function useRollback(systemId: string) {
  return useSystemWrite(systemId, async (body: Rollback, key) =>
    unwrap(await api.POST('/api/v1/ai-systems/{id}/rollback', { params: { path: { id: systemId }, header: { 'Idempotency-Key': key } }, body })),
  );
}

export function useStartRetirement(systemId: string) {
  return useSystemWrite(systemId, async (body: RetirementStart, key) =>
    unwrap(await api.POST('/api/v1/ai-systems/{id}/retirement', { params: { path: { id: systemId }, header: { 'Idempotency-Key': key } }, body })),
  );
}

export function useCompleteChecklistItem(systemId: string) {
  return useSystemWrite(systemId, async ({ item, note }: { item: string; note?: string }, key) =>
    unwrap(
      await api.POST('/api/v1/ai-systems/{id}/retirement/checklist/{item}', {
        params: { path: { id: systemId, item }, header: { 'Idempotency-Key': key } },
        body: note ? { note } : {},
      }),
    ),
  );
}
