import { useRef } from 'react';
import { idempotencyKey } from '../../api/client';

/**
 * One Idempotency-Key per intended action, kept until it succeeds: pressing the button again
 * after a timeout or a 503 resends the same key and the API acts once.
 */
export function useIntentKey() {
  const key = useRef<string | null>(null);
  return {
    current: () => (key.current ??= idempotencyKey()),
    done: () => {
      key.current = null;
    },
  };
}
