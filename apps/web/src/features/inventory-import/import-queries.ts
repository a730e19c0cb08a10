import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type ImportReport = components['schemas']['ImportReportView'];
export type ImportCommit = components['schemas']['ImportCommitView'];
export type InventoryImport = components['schemas']['InventoryImportView'];
export type ImportProblem = components['schemas']['ImportProblemView'];
export type ImportRow = components['schemas']['ImportRowView'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The media type the API reads the file as, from its name: browsers disagree about a .csv's type
 * (Windows with Excel says application/vnd.ms-excel), the name does not.
 */
export function mediaTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX;
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

/** The file is the request body itself, sent as the browser has it (no JSON, no multipart). */
const fileBody = (file: File) => ({
  params: { query: { fileName: file.name.slice(0, 255) || undefined } },
  body: file as unknown as string,
  bodySerializer: (body: unknown) => body as File,
  headers: { 'Content-Type': mediaTypeOf(file) },
});

export const useDryRun = () =>
  useMutation({
    mutationFn: async (file: File): Promise<ImportReport> => unwrap(await api.POST('/api/v1/ai-systems/imports/dry-run', fileBody(file))),
  });

/** The commit: one Idempotency-Key per checked file, so a double click or a resend imports once. */
export const useCommitImport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, key }: { file: File; key: string }): Promise<ImportCommit> => {
      const request = fileBody(file);
      return unwrap(await api.POST('/api/v1/ai-systems/imports', { ...request, headers: { ...request.headers, 'Idempotency-Key': key } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ai-systems'] }),
  });
};

/** One import; polled every 2 s while an API process is still starting its workflows. */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: ['ai-systems', 'imports', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.workflows.running ? 2_000 : false),
  });

export const recentImportsQuery = queryOptions({
  queryKey: ['ai-systems', 'imports', 'recent'],
  queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/imports', { params: { query: { pageSize: 10 } } })),
  refetchInterval: (query) => (query.state.data?.items.some((i) => i.workflows.running) ? 5_000 : false),
});

export const useFinishWorkflowStarts = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<InventoryImport> =>
      unwrap(await api.POST('/api/v1/ai-systems/imports/{id}/workflow-starts', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ai-systems'] }),
  });
};
