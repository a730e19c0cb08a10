import { escapeHtml } from '@aigov/notifications/html-escape';
import { renderPage } from '../common/server-page';

/**
 * The page an emailed sign-in link opens: one button. Opening it signs nobody in (mail scanners
 * open links); only pressing the button posts the form, which posts back to the same address,
 * returnTo included.
 */
export function renderSignInConfirmation(person: { email: string; name: string }): string {
  return renderPage(
    'Sign in to AI Governance',
    `<h1>Sign in to AI Governance</h1>
<p>Hello ${escapeHtml(person.name)}.</p>
<form method="post">
<button type="submit" class="primary">Sign in as ${escapeHtml(person.email)}</button>
</form>
<p class="muted">The link works once. If you did not ask to sign in, close this page.</p>`,
  );
}

export function renderSignInError(status: number, message: string): string {
  return renderPage(
    'Cannot sign in with this link',
    `<h1>Cannot sign in with this link</h1><p>${escapeHtml(message)}</p>
<p><a href="/sign-in">Ask for a new sign-in link</a></p><p class="muted">HTTP ${status}</p>`,
  );
}
