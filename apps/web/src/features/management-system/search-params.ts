import { useSearchParams } from 'react-router';

/**
 * Filters kept in the address (?status=attention&framework=iso42001), so a filtered list can be
 * bookmarked, shared and returned to. Setting a filter goes back to the first page.
 */
export function useFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  function set(key: K | 'page', value: string | number) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === '' || value === undefined) next.delete(key);
        else next.set(key, String(value));
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  }
  return { values, page, set };
}
