import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

/**
 * Reads of the product owner's screens. Keys start with ['ai-systems', id] like the approver's
 * screens (tasks/task-queries.ts), so an action on a system refreshes every part of its page.
 */
export type AiSystem = components['schemas']['AiSystemView'];
export type AiSystemDetail = components['schemas']['AiSystemDetailView'];
export type AiSystemAction = AiSystemDetail['availableActions'][number];
export type OpenTask = components['schemas']['OpenTaskView'];
export type ApprovalHistory = components['schemas']['ApprovalHistoryView'];
export type ApprovalRound = components['schemas']['ApprovalRoundView'];
export type VersionRegistry = components['schemas']['VersionRegistryView'];
export type MaterialChange = components['schemas']['MaterialChangeView'];
export type SystemControls = components['schemas']['SystemControlsView'];
export type AuditTrail = components['schemas']['AuditTrailView'];
export type AssessmentPreview = components['schemas']['AssessmentPreviewView'];

export { aiSystemQuery, assessmentsQuery, assessmentTemplateQuery, materialChangesQuery, versionsQuery } from '../tasks/task-queries';

export interface SystemListFilter {
  q?: string;
  page?: number;
}

/** GET /ai-systems: the API narrows it to the systems a product owner owns or registered; oversight roles see all. */
export const systemListQuery = ({ q, page = 1 }: SystemListFilter) =>
  queryOptions({
    queryKey: ['ai-systems', 'list', { q: q ?? '', page }],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems', { params: { query: { page, pageSize: 50, ...(q ? { q } : {}) } } })),
    // Typing in the search keeps the last list on screen until the next arrives.
    placeholderData: keepPreviousData,
  });

export const approvalsQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'approvals'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/approvals', { params: { path: { id: systemId } } })),
  });

export const controlsQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'controls'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/controls', { params: { path: { id: systemId } } })),
  });

export const auditTrailQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'audit-trail'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/audit-trail', { params: { path: { id: systemId } } })),
  });

/** Whom the governance office may name as accountable owner (a product owner names only themselves). */
export const directoryQuery = (q: string) =>
  queryOptions({
    queryKey: ['users', 'directory', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/users/directory', { params: { query: q ? { q } : {} } })),
    placeholderData: keepPreviousData,
  });

/**
 * The tier and reasons the answers so far would give (POST .../impact-assessments/preview
 * writes nothing, so it is a read here: cached per answers, refetched as they change).
 */
export const assessmentPreviewQuery = (systemId: string, answers: Record<string, unknown>) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'assessment-preview', answers],
    queryFn: async () =>
      unwrap(await api.POST('/api/v1/ai-systems/{id}/impact-assessments/preview', { params: { path: { id: systemId } }, body: { answers } })),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
