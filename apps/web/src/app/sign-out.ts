import { api } from '../api/client';

/**
 * POST /api/v1/auth/sign-out ends the session on the server and clears the cookie. A failure
 * (already expired, offline) still signs the person out of this tab.
 */
export async function signOut(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/sign-out');
  } catch {
    // The session may already be gone; the tab forgets it either way.
  }
}
