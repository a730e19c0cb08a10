import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A message the previous screen left in the navigation state ("Assessment submitted: ..."):
 * shown once, then taken out of the history entry, so a reload or a later visit does not
 * repeat news that is no longer new.
 */
export function useFlashNotice(): string | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice] = useState(() => (location.state as { notice?: string } | null)?.notice);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) {
      navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
    }
  }, [location, navigate]);
  return notice;
}
