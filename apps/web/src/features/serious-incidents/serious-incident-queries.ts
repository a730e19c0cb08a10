import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

/** Serious incidents (EU AI Act Art. 73): reads and the three actions, keyed under ['serious-incidents']. */
export type SeriousIncident = components['schemas']['SeriousIncidentView'];
export type SeriousIncidentDetail = components['schemas']['SeriousIncidentDetailView'];
export type SeriousIncidentCategory = SeriousIncident['category'];
export type Declare = components['schemas']['DeclareSeriousIncidentDto'];
export type Reclassify = components['schemas']['ReclassifySeriousIncidentDto'];
export type Submit = components['schemas']['SubmitSeriousIncidentReportDto'];
export type ListStatus = 'open' | 'submitted' | 'missed';

/** The categories in the Act's order, mildest first, as people choose them. */
export const CATEGORIES: ReadonlyArray<{ value: SeriousIncidentCategory; label: string; hint: string }> = [
  { value: 'general', label: 'Serious incident', hint: 'Report at the latest 15 days after becoming aware.' },
  { value: 'death', label: 'Death of a person may be involved', hint: 'Report at the latest 10 days after becoming aware.' },
  {
    value: 'widespread_or_critical_infrastructure',
    label: 'Widespread infringement or critical infrastructure',
    hint: 'A widespread infringement, or serious and irreversible disruption of critical infrastructure: at the latest 2 days after becoming aware.',
  },
];

const RANK: Record<SeriousIncidentCategory, number> = { general: 0, death: 1, widespread_or_critical_infrastructure: 2 };
export const stricterThan = (category: SeriousIncidentCategory) => CATEGORIES.filter((c) => RANK[c.value] > RANK[category]);
export const milderThan = (category: SeriousIncidentCategory) => CATEGORIES.filter((c) => RANK[c.value] < RANK[category]);

export const seriousIncidentListQuery = ({ status, aiSystemId, page = 1 }: { status?: ListStatus; aiSystemId?: string; page?: number }) =>
  queryOptions({
    queryKey: ['serious-incidents', 'list', { status: status ?? '', aiSystemId: aiSystemId ?? '', page }],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/serious-incidents', { params: { query: { page, pageSize: 50, ...(status ? { status } : {}), ...(aiSystemId ? { aiSystemId } : {}) } } })),
    placeholderData: keepPreviousData,
  });

export const seriousIncidentQuery = (id: string) =>
  queryOptions({
    queryKey: ['serious-incidents', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/serious-incidents/{id}', { params: { path: { id } } })),
    // The clock moves on its own (reminders, escalation, a missed deadline): look again now and then.
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 15_000 : false),
  });

/** Where the report downloads from (the session cookie carries the sign-in). */
export const reportUrl = (id: string, format: 'json' | 'pdf') => `/api/v1/serious-incidents/${encodeURIComponent(id)}/report?format=${format}`;

function useIncidentMutation<B>(call: (body: B) => Promise<SeriousIncidentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (incident) => {
      queryClient.setQueryData(['serious-incidents', incident.id], incident);
      void queryClient.invalidateQueries({ queryKey: ['serious-incidents', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['reports', 'dashboard'] });
    },
  });
}

export const useDeclare = () => useIncidentMutation(async (body: Declare) => unwrap(await api.POST('/api/v1/serious-incidents', { body })));

export const useReclassify = (id: string) =>
  useIncidentMutation(async (body: Reclassify) => unwrap(await api.POST('/api/v1/serious-incidents/{id}/classification', { params: { path: { id } }, body })));

export const useSubmit = (id: string) =>
  useIncidentMutation(async (body: Submit) => unwrap(await api.POST('/api/v1/serious-incidents/{id}/submission', { params: { path: { id } }, body })));
