import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the address (?status=attention&framework=iso42001), so a filtered list can be
 * bookmarked, shared and returned to. Setting a filter goes back to the first page.
 *
 * The filters live in React state and the address follows it: two changes in quick succession
 * (a framework chosen, then a search typed) both stick, where updating the address directly
 * would let the second start from the address before the first had landed. A change of the
 * address from elsewhere (a link to ?status=attention, the back button) is taken over.
 */
export function useFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const address = params.toString();
  const [search, setSearch] = useState(address);
  // The address as last committed, and the addresses written but not landed yet (a navigation
  // lands a moment later, possibly after more typing). Only effects touch these: a render may
  // be interrupted and thrown away (the router renders navigations in transitions).
  const committed = useRef(address);
  const pending = useRef<string[]>([]);

  useEffect(() => {
    committed.current = address;
    const mine = pending.current.indexOf(address);
    if (mine >= 0) {
      pending.current = pending.current.slice(mine + 1);
      return;
    }
    // changed from elsewhere: a link, the back button
    pending.current = [];
    setSearch(address);
  }, [address]);

  useEffect(() => {
    if (search === (pending.current.at(-1) ?? committed.current)) return;
    pending.current.push(search);
    setParams(new URLSearchParams(search), { replace: true });
  }, [search, setParams]);

  const current = new URLSearchParams(search);
  const values = Object.fromEntries(keys.map((k) => [k, current.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(current.get('page')) || 1);
  function set(key: K | 'page', value: string | number) {
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value === '') next.delete(key);
      else next.set(key, String(value));
      if (key !== 'page') next.delete('page');
      return next.toString();
    });
  }
  return { values, page, set };
}
