import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';

/** GET /api/v1/auth/sign-in-methods: whether this server offers single sign-on beside the emailed link. */
export const signInMethodsQuery = queryOptions({
  queryKey: ['sign-in-methods'],
  queryFn: async () => unwrap(await api.GET('/api/v1/auth/sign-in-methods')),
  staleTime: Infinity,
  retry: false,
});

/** Where the browser goes to sign in with single sign-on; the API sends it on to the provider and back to `returnTo`. */
export function singleSignOnHref(returnTo: string): string {
  return `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
}
