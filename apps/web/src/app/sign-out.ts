import { api } from '../api/client';

/** What is left to do after signing out here. */
export interface SignedOut {
  /** the identity provider's sign-out page, to end the single sign-on session there too */
  providerSignOutUrl: string | null;
  /** the session came from the identity provider, which could not be reached: the person may still be signed in there */
  providerUnreachable: boolean;
}

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
