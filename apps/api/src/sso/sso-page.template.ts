import { escapeHtml } from '@aigov/notifications/html-escape';
import { renderPage } from '../common/server-page';

/** What a browser sees when single sign-on does not sign it in: why, and the way back to the sign-in page. */
export function renderSsoError(status: number, message: string): string {
  return renderPage(
    'Cannot sign in with single sign-on',
    `<main><h1>Cannot sign in with single sign-on</h1><p>${escapeHtml(message)}</p>
<p><a href="/sign-in">Back to sign-in</a></p><p class="muted">HTTP ${status}</p></main>`,
  );
}
