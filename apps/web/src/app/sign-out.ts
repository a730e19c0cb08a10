import { writeHeaders } from '../api/client';

/**
 * POST /api/v1/auth/sign-out ends the session on the server and clears the cookie. A failure
 * (already expired, offline) still signs the person out of this tab.
 */
export async function signOut(): Promise<void> {
  try {
    await fetch('/api/v1/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: writeHeaders() });
  } catch {
    // The session may already be gone; the tab forgets it either way.
  }
}
