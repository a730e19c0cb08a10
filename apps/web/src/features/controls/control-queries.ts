import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components, operations } from '../../api/schema';

export type ControlHealthReport = components['schemas']['ControlHealthReportView'];
export type ControlHealthRow = components['schemas']['ControlHealthRowView'];
export type ControlView = components['schemas']['ControlView'];
export type EvidenceItem = components['schemas']['EvidenceItemView'];
export type ManualEvidence = components['schemas']['ManualEvidenceView'];
export type CreateManualEvidence = components['schemas']['CreateManualEvidenceDto'];
export type ReplaceManualEvidence = components['schemas']['ReplaceManualEvidenceDto'];
export type CatalogFramework = NonNullable<NonNullable<operations['ControlsController_list']['parameters']['query']>['framework']>;

export const CATALOG_FRAMEWORKS: ReadonlyArray<{ value: CatalogFramework; label: string }> = [
  { value: 'iso42001', label: 'ISO/IEC 42001 Annex A' },
  { value: 'iso27001', label: 'ISO/IEC 27001 Annex A' },
  { value: 'clauses', label: 'Clauses 4–10' },
  { value: 'eu_ai_act', label: 'EU AI Act' },
];

export const frameworkLabel = (framework: string) => CATALOG_FRAMEWORKS.find((f) => f.value === framework)?.label ?? framework;
export const controlPath = (framework: string, ref: string) => `/controls/${framework}/${encodeURIComponent(ref)}`;

export const CONTROL_HEALTH_STATUSES = ['effective', 'attention', 'no_evidence', 'not_applicable'] as const;

/** Organisation-wide control health (the whole report: every control the evidence map touches). */
export const controlHealthQuery = queryOptions({
  queryKey: ['control-health', 'organisation'],
  queryFn: async () => unwrap(await api.GET('/api/v1/reports/control-health')),
});

export const controlsQuery = (query: { framework?: CatalogFramework; q?: string; page: number }) =>
  queryOptions({
    queryKey: ['controls', 'list', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/controls', { params: { query: { ...query, pageSize: 50 } } })),
  });

export const controlQuery = (framework: string, ref: string) =>
  queryOptions({
    queryKey: ['controls', framework, ref],
    // an unknown framework is the API's 404, shown as such
    queryFn: async () => unwrap(await api.GET('/api/v1/controls/{framework}/{ref}', { params: { path: { framework: framework as CatalogFramework, ref } } })),
    staleTime: Infinity,
  });

export const controlEvidenceQuery = (framework: string, ref: string, page: number) =>
  queryOptions({
    queryKey: ['controls', framework, ref, 'evidence', page],
    queryFn: async () => unwrap(await api.GET('/api/v1/controls/{framework}/{ref}/evidence', { params: { path: { framework: framework as CatalogFramework, ref }, query: { page, pageSize: 25 } } })),
  });

export const manualEvidenceQuery = (query: { control?: string; status?: 'current' | 'withdrawn'; page: number }) =>
  queryOptions({
    queryKey: ['manual-evidence', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/manual-evidence', { params: { query: { ...query, pageSize: 50 } } })),
  });

export function useCreateManualEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateManualEvidence) => unwrap(await api.POST('/api/v1/manual-evidence', { body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['manual-evidence'] }), queryClient.invalidateQueries({ queryKey: ['controls'] })]),
  });
}

export const manualEvidenceItemQuery = (id: string) =>
  queryOptions({
    queryKey: ['manual-evidence', 'item', id],
    // not a UUID or not there: the API's 404, shown as such
    queryFn: async () => unwrap(await api.GET('/api/v1/manual-evidence/{id}', { params: { path: { id } } })),
  });

/** A new version of the document or link and its expiry (PUT; the previous version is kept and the change audited). */
export function useReplaceManualEvidence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReplaceManualEvidence) => unwrap(await api.PUT('/api/v1/manual-evidence/{id}', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['manual-evidence'] }), queryClient.invalidateQueries({ queryKey: ['controls'] })]),
  });
}

export function useWithdrawManualEvidence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) => unwrap(await api.POST('/api/v1/manual-evidence/{id}/withdrawal', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['manual-evidence'] }),
  });
}

/** Where an evidence item is seen in the app: its system's page, or the screen of its kind. */
export function evidenceHref(item: EvidenceItem): string | null {
  switch (item.kind) {
    case 'management_review':
      return `/management-reviews/${item.id}`;
    case 'internal_audit':
      return `/internal-audits/${item.id}`;
    case 'manual_evidence':
      return `/evidence?highlight=${item.id}`;
    case 'audit_chain':
      return item.aiSystemId ? `/systems/${item.aiSystemId}` : '/audit';
    default:
      return item.aiSystemId ? `/systems/${item.aiSystemId}` : null;
  }
}
