import { api } from '../../api/client';
import { unwrap } from '../../api/errors';

/**
 * POST /api/v1/auth/sign-in-links: the API answers 202 whatever the address (no account
 * enumeration) and mails a link to active users.
 */
export async function requestSignInLink(email: string, returnTo: string): Promise<string> {
  const accepted = unwrap(await api.POST('/api/v1/auth/sign-in-links', { body: returnTo === '/' ? { email } : { email, returnTo } }));
  return accepted.message;
}
