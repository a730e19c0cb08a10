import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type ManagementReview = components['schemas']['ManagementReviewView'];
export type Agenda = components['schemas']['ManagementReviewAgendaView'];
export type InternalAudit = components['schemas']['InternalAuditView'];
export type Minutes = components['schemas']['ManagementReviewMinutesDto'];
export type AuditReport = components['schemas']['InternalAuditReportDto'];
export type FollowUp = components['schemas']['FollowUpItemDto'];

export const reviewsQuery = queryOptions({
  queryKey: ['management-reviews'],
  queryFn: async () => unwrap(await api.GET('/api/v1/management-reviews')),
});

export const reviewQuery = (id: string) =>
  queryOptions({
    queryKey: ['management-reviews', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/management-reviews/{id}', { params: { path: { id } } })),
  });

export const auditsQuery = queryOptions({
  queryKey: ['internal-audits'],
  queryFn: async () => unwrap(await api.GET('/api/v1/internal-audits')),
});

export const auditQuery = (id: string) =>
  queryOptions({
    queryKey: ['internal-audits', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/internal-audits/{id}', { params: { path: { id } } })),
  });

export function useRecordMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Minutes) => unwrap(await api.POST('/api/v1/management-reviews/{id}/minutes', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['management-reviews'] }),
  });
}

export function useReportAudit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AuditReport) => unwrap(await api.POST('/api/v1/internal-audits/{id}/report', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['internal-audits'] }),
  });
}

/** Convene a management review now, or open an internal audit now: each triggers its schedule. */
export function useConvene(kind: 'review' | 'audit') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(kind === 'review' ? await api.POST('/api/v1/management-reviews') : await api.POST('/api/v1/internal-audits')),
    // The schedule's workflow writes the record a moment later: read the list again then.
    onSuccess: () => {
      const key = kind === 'review' ? ['management-reviews'] : ['internal-audits'];
      for (const delay of [500, 2000, 5000]) setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), delay);
    },
  });
}

/** A decision or finding as recorded (the API keeps them as given, with the PDCA item each became). */
export interface RecordedFollowUp {
  title?: string;
  description?: string;
  kind?: string;
  ownerId?: string;
  dueAt?: string;
  pdcaItemId?: string;
}

export const asFollowUps = (items: Array<Record<string, unknown>>): RecordedFollowUp[] => items as RecordedFollowUp[];
