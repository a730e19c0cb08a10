import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { useIntentKey } from '../management-system/intent-key';

export type SoaDraft = components['schemas']['SoaDraftView'];
export type SoaEntry = components['schemas']['SoaEntryView'];
export type SoaVersionSummary = components['schemas']['SoaVersionSummaryView'];
export type SoaDiff = components['schemas']['SoaDiffView'];
export type SoaEntryUpdate = components['schemas']['UpdateSoaEntryDto'];
export type SoaFramework = 'iso42001' | 'iso27001';

export const SOA_FRAMEWORKS: ReadonlyArray<{ value: SoaFramework; label: string }> = [
  { value: 'iso42001', label: 'ISO/IEC 42001 Annex A' },
  { value: 'iso27001', label: 'ISO/IEC 27001 Annex A' },
];

export const IMPLEMENTATION_STATUSES = ['not_started', 'planned', 'partial', 'implemented'] as const;

export const EXPORT_FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'pdf', label: 'PDF' },
  { format: 'oscal', label: 'OSCAL (JSON)' },
] as const;

/** Where a version's file downloads from (a plain link: the session cookie rides along). */
export function exportHref(version: number | 'draft', format: (typeof EXPORT_FORMATS)[number]['format']): string {
  return `/api/v1/soa/versions/${version}/export?format=${format}`;
}

/**
 * The whole draft: both Annexes are 131 controls, one page of 200, so filters work on it in the
 * browser at once (and the list and an entry's page share it).
 */
export const soaDraftQuery = queryOptions({
  queryKey: ['soa', 'draft'],
  queryFn: async () => unwrap(await api.GET('/api/v1/soa', { params: { query: { pageSize: 200 } } })),
});

export const soaVersionsQuery = queryOptions({
  queryKey: ['soa', 'versions'],
  queryFn: async () => unwrap(await api.GET('/api/v1/soa/versions')),
});

export const soaDiffQuery = (from: number, to: number) =>
  queryOptions({
    queryKey: ['soa', 'diff', from, to],
    queryFn: async () => unwrap(await api.GET('/api/v1/soa/versions/{a}/diff/{b}', { params: { path: { a: String(from), b: String(to) } } })),
  });

/** The open tasks of the draft's publication round: everyone's open approval tasks about this SoA version. */
export const soaRoundTasksQuery = (versionId: string) =>
  queryOptions({
    queryKey: ['tasks', 'soa-round', versionId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks', { params: { query: { assignee: 'all', status: 'open', kind: 'approval', subjectKind: 'soa', subjectId: versionId, pageSize: 200 } } })).items,
  });

export function useUpdateSoaEntry(framework: string, ref: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SoaEntryUpdate) => unwrap(await api.PUT('/api/v1/soa/entries/{framework}/{ref}', { params: { path: { framework: framework as SoaFramework, ref } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['soa'] }),
  });
}

export function usePublishSoa() {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/soa/publication', { params: { header: { 'Idempotency-Key': intent.current() } } })),
    onSuccess: () => Promise.all([intent.done(), queryClient.invalidateQueries({ queryKey: ['soa'] }), queryClient.invalidateQueries({ queryKey: ['tasks'] })]),
  });
}

/** The governance office takes an approval task over (delegated to themselves), to decide it. */
export function useTakeOverTask(taskId: string, me: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST('/api/v1/tasks/{id}/delegate', { params: { path: { id: taskId }, header: { 'Idempotency-Key': intent.current() } }, body: { delegateId: me, reason } })),
    onSuccess: () => {
      intent.done();
      return queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
