import { api } from '../api/client';
import type { components } from '../api/schema';

/** What is left to do after signing out here: the API's answer (where to end the identity provider's session, or that it could not be reached). */
export type SignedOut = components['schemas']['SignedOutView'];

/**
 * POST /api/v1/auth/sign-out ends the session on the server and clears the cookie. A failure
 * (already expired, offline) still signs the person out of this tab.
 */
export async function signOut(): Promise<SignedOut> {
  try {
    const { data } = await api.POST('/api/v1/auth/sign-out');
    if (data) return data;
  } catch {
    // The session may already be gone; the tab forgets it either way.
  }
  return { providerSignOutUrl: null, providerUnreachable: false };
}
