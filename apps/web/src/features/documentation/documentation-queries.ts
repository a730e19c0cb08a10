import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { useIntentKey } from '../management-system/intent-key';

export type DocumentationSummary = components['schemas']['DocumentationSummaryView'];
export type DocumentCompleteness = DocumentationSummary['documents'][number];
export type DocumentationStatement = DocumentationSummary['statements'][number];

export const documentationQuery = (systemId: string) =>
  queryOptions({
    queryKey: ['ai-systems', systemId, 'documentation'],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/{id}/documentation', { params: { path: { id: systemId } } })),
  });

/** Where a document downloads from: a plain link, so the browser downloads it with the session cookie. */
export function documentHref(systemId: string, path: string, format: 'pdf' | 'json'): string {
  return `/api/v1/ai-systems/${encodeURIComponent(systemId)}/documentation/${path}?format=${format}`;
}

/** PUT one statement: its next version; the completeness is read again. */
export function useSaveStatement(systemId: string, key: DocumentationStatement['key']) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  return useMutation({
    mutationFn: async (body: { text: string; expectedVersion: number }) =>
      unwrap(
        await api.PUT('/api/v1/ai-systems/{id}/documentation/statements/{key}', {
          params: { path: { id: systemId, key }, header: { 'Idempotency-Key': intent.current() } },
          body,
        }),
      ),
    onSuccess: async () => {
      intent.done();
      await queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId, 'documentation'] });
    },
  });
}
