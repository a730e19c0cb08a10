import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { apiFilters, PAGE_SIZE, type InventoryParams } from './inventory-params';

export type InventorySystem = components['schemas']['AiSystemView'];
export type FilterOptions = components['schemas']['InventoryFilterOptionsView'];

/** One page of the inventory; the previous page stays on screen while the next loads. */
export const inventoryPageQuery = (params: InventoryParams) =>
  queryOptions({
    queryKey: ['ai-systems', 'inventory', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems', { params: { query: { ...apiFilters(params), page: params.page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

export const filterOptionsQuery = queryOptions({
  queryKey: ['ai-systems', 'filter-options'],
  queryFn: async () => unwrap(await api.GET('/api/v1/ai-systems/filter-options')),
  staleTime: 60_000,
});

/**
 * The export of what the list shows (every page), as a link the browser downloads with the
 * session cookie: CSV, or XLSX in the import's columns (it imports back unchanged).
 */
export function exportHref(params: InventoryParams, format: 'csv' | 'xlsx' = 'csv'): string {
  const query = new URLSearchParams(Object.entries(apiFilters(params)).map(([k, v]) => [k, String(v)]));
  return `/api/v1/ai-systems/export.${format}?${query}`;
}
