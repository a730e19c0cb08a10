/**
 * The inventory's state lives in the address (filters, sort, page), so a filtered list can be
 * linked to (the dashboard's counts do), bookmarked and reloaded. Only values the API accepts are
 * read back; anything else is dropped rather than sent to be refused.
 */

export const STAGES = ['design', 'impact_assessment', 'approval', 'deployment', 'operation', 'periodic_review', 'rollback', 'retirement', 'retired', 'rejected'] as const;
export const TIER_FILTERS = ['minimal', 'limited', 'high', 'prohibited', 'none'] as const;
export const SORTS = ['createdAt', 'updatedAt', 'name', 'stage', 'riskTier', 'businessUnit', 'stageEnteredAt', 'nextReviewAt'] as const;
export type Sort = (typeof SORTS)[number];
export type Order = 'asc' | 'desc';
export const PAGE_SIZE = 25;

export type Stage = (typeof STAGES)[number];
export type TierFilter = (typeof TIER_FILTERS)[number];

export interface InventoryParams {
  stage?: Stage;
  riskTier?: TierFilter;
  ownerId?: string;
  businessUnit?: string;
  q?: string;
  reviewOverdue?: 'true';
  sort: Sort;
  order: Order;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API's default direction for each sort: the newest first for timestamps of change, else ascending. */
export function defaultOrder(sort: Sort): Order {
  return sort === 'createdAt' || sort === 'updatedAt' ? 'desc' : 'asc';
}

export function readParams(search: URLSearchParams): InventoryParams {
  const one = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = search.get(name);
    return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  };
  const text = (name: string) => {
    const value = search.get(name)?.trim();
    return value ? value.slice(0, 200) : undefined;
  };
  const sort = one('sort', SORTS) ?? 'createdAt';
  const page = Number(search.get('page'));
  const ownerId = search.get('ownerId') ?? '';
  return {
    stage: one('stage', STAGES),
    riskTier: one('riskTier', TIER_FILTERS),
    ownerId: UUID.test(ownerId) ? ownerId : undefined,
    businessUnit: text('businessUnit'),
    q: text('q'),
    reviewOverdue: search.get('reviewOverdue') === 'true' ? 'true' : undefined,
    sort,
    order: one('order', ['asc', 'desc'] as const) ?? defaultOrder(sort),
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

/** The address for `params`: defaults left out, so links stay short. */
export function writeParams(params: InventoryParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of ['stage', 'riskTier', 'ownerId', 'businessUnit', 'q', 'reviewOverdue'] as const) {
    const value = params[name];
    if (value) search.set(name, value);
  }
  if (params.sort !== 'createdAt') search.set('sort', params.sort);
  if (params.order !== defaultOrder(params.sort)) search.set('order', params.order);
  if (params.page > 1) search.set('page', String(params.page));
  return search;
}

/** The filters and sort as the API's query (the list adds paging; the CSV export takes them as they are). */
export function apiFilters(params: InventoryParams): Omit<InventoryParams, 'page'> {
  const { page: _page, ...rest } = params;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Omit<InventoryParams, 'page'>;
}

/** A header pressed: the same column flips its direction, another starts at its default. Back to page 1 either way. */
export function sortBy(params: InventoryParams, sort: Sort): InventoryParams {
  const order = params.sort === sort ? (params.order === 'asc' ? 'desc' : 'asc') : defaultOrder(sort);
  return { ...params, sort, order, page: 1 };
}

/** Any filter changed: back to page 1 (the old page may not exist any more). */
export function withFilter(params: InventoryParams, change: Partial<Omit<InventoryParams, 'sort' | 'order' | 'page'>>): InventoryParams {
  return { ...params, ...change, page: 1 };
}
