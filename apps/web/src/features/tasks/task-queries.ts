import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

/** Reads of the approver's screens, shared so a decision can refresh what it changed. */
export type Task = components['schemas']['TaskView'];
export type AiSystemDetail = components['schemas']['AiSystemDetailView'];
export type ImpactAssessment = components['schemas']['ImpactAssessmentView'];
export type AssessmentTemplate = components['schemas']['AssessmentTemplateView'];
export type MaterialChange = components['schemas']['MaterialChangeView'];
export type VersionRegistry = components['schemas']['VersionRegistryView'];

export const myOpenTasksQuery = queryOptions({
  queryKey: ['tasks', 'mine', 'open'],
  queryFn: async () => unwrap(await api.GET('/api/v1/tasks', { params: { query: { status: 'open', assignee: 'me', pageSize: 200 } } })),
});

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: ['tasks', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });

export const aiSystemQuery = (id: string) =>
  queryOptions({
    queryKey: ['ai-systems', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}', { params: { path: { id } } })),
  });

export const assessmentsQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'impact-assessments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/impact-assessments', { params: { path: { id: systemId } } })),
  });

export const materialChangesQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'changes'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/changes', { params: { path: { id: systemId } } })),
  });

export const versionsQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'versions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/versions', { params: { path: { id: systemId } } })),
  });

/** The questionnaire changes only with a release: read once per page load. */
export const assessmentTemplateQuery = queryOptions({
  queryKey: ['impact-assessments', 'template'],
  queryFn: async () => unwrap(await api.GET('/api/v1/impact-assessments/template')),
  staleTime: Infinity,
});
