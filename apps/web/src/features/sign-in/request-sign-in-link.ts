import { apiErrorOf, networkError } from '../../api/errors';

/**
 * POST /api/v1/auth/sign-in-links: the API answers 202 whatever the address (no account
 * enumeration) and mails a link to active users.
 */
export async function requestSignInLink(email: string, returnTo: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/v1/auth/sign-in-links', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(returnTo === '/' ? { email } : { email, returnTo }),
    });
  } catch (error) {
    throw networkError(error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorOf(response, body);
  return (body as { message?: string } | null)?.message ?? '';
}
