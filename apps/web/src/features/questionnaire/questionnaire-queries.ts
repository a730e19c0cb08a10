import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { useIntentKey } from '../management-system/intent-key';

/**
 * Reads and actions of the Questionnaire screens (versions, the draft, its preview and its
 * publication) and of the re-assessments a published version asks for. Keys start with
 * ['questionnaire'], so publishing or answering refreshes every part.
 */
export type VersionList = components['schemas']['QuestionnaireVersionListView'];
export type VersionSummary = components['schemas']['QuestionnaireVersionSummaryView'];
export type Version = components['schemas']['QuestionnaireVersionView'];
export type Definition = components['schemas']['QuestionnaireDefinitionView'];
export type Diff = components['schemas']['QuestionnaireDiffView'];
export type Impact = components['schemas']['QuestionnaireImpactView'];
export type SystemImpact = components['schemas']['SystemImpactView'];
export type Reassessment = components['schemas']['ReassessmentView'];
export type ReassessmentList = components['schemas']['ReassessmentListView'];
export type ReassessmentPreview = components['schemas']['ReassessmentPreviewView'];
export type ReassessmentState = Reassessment['state'];

export const versionsQuery = queryOptions({
  queryKey: ['questionnaire', 'versions'],
  queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/versions')),
});

export const versionQuery = (version: string) =>
  queryOptions({
    queryKey: ['questionnaire', 'version', version],
    queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/versions/{version}', { params: { path: { version } } })),
  });

export const diffQuery = (a: string, b: string) =>
  queryOptions({
    queryKey: ['questionnaire', 'diff', a, b],
    queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/versions/{a}/diff/{b}', { params: { path: { a, b } } })),
  });

/** The systems a stored version (the draft) would affect, a page at a time. */
export const impactQuery = (version: string, page: number) =>
  queryOptions({
    queryKey: ['questionnaire', 'impact', version, page],
    queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/versions/{version}/impact', { params: { path: { version }, query: { page, pageSize: 25 } } })),
    placeholderData: keepPreviousData,
  });

export interface ReassessmentFilter {
  state?: ReassessmentState;
  version?: string;
  systemId?: string;
  mine?: boolean;
  page?: number;
}

export const reassessmentsQuery = ({ state, version, systemId, mine, page = 1 }: ReassessmentFilter) =>
  queryOptions({
    queryKey: ['questionnaire', 'reassessments', { state, version, systemId, mine, page }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/questionnaire/reassessments', {
          params: { query: { page, pageSize: 50, ...(state ? { state } : {}), ...(version ? { version } : {}), ...(systemId ? { systemId } : {}), ...(mine ? { mine: 'true' as const } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const reassessmentQuery = (id: string) =>
  queryOptions({
    queryKey: ['questionnaire', 'reassessment', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/reassessments/{id}', { params: { path: { id } } })),
  });

export const reassessmentSummaryQuery = queryOptions({
  queryKey: ['questionnaire', 'reassessments', 'summary'],
  queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire/reassessments/summary')),
});

/** The tier and path the answers so far would take (a POST that writes nothing: a read, cached per answers). */
export const reassessmentPreviewQuery = (id: string, answers: Record<string, unknown>) =>
  queryOptions({
    queryKey: ['questionnaire', 'reassessment', id, 'preview', answers],
    queryFn: async () => unwrap(await api.POST('/api/v1/questionnaire/reassessments/{id}/preview', { params: { path: { id } }, body: { answers } })),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });

/** Checks a definition not saved yet and previews its impact; writes nothing. */
export function useCheckDefinition() {
  return useMutation({
    mutationFn: async (definition: Record<string, unknown>) =>
      unwrap(await api.POST('/api/v1/questionnaire/impact', { params: { query: { page: 1, pageSize: 25 } }, body: { definition } })),
  });
}

export function useSaveDraft() {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (definition: Record<string, unknown>) =>
      unwrap(await api.PUT('/api/v1/questionnaire/draft', { params: { header: { 'Idempotency-Key': intent.current() } }, body: { definition } })),
    onSuccess: () => {
      intent.done();
      return queryClient.invalidateQueries({ queryKey: ['questionnaire'] });
    },
  });
}

/** Discarding twice is harmless (the second finds no draft: 404), so no Idempotency-Key. */
export function useDiscardDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/questionnaire/draft')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['questionnaire'] }),
  });
}

export function usePublishDraft() {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (dueAt: string | null) =>
      unwrap(await api.POST('/api/v1/questionnaire/draft/publication', { params: { header: { 'Idempotency-Key': intent.current() } }, body: dueAt ? { dueAt } : {} })),
    onSuccess: () => Promise.all([intent.done(), queryClient.invalidateQueries({ queryKey: ['questionnaire'] }), queryClient.invalidateQueries({ queryKey: ['tasks'] })]),
  });
}

export function useAnswerReassessment(id: string, systemId: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (answers: Record<string, unknown>) =>
      unwrap(await api.POST('/api/v1/questionnaire/reassessments/{id}/answers', { params: { path: { id }, header: { 'Idempotency-Key': intent.current() } }, body: { answers } })),
    onSuccess: () =>
      Promise.all([intent.done(), queryClient.invalidateQueries({ queryKey: ['questionnaire'] }), queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId] })]),
  });
}
