import { escapeHtml } from './html-escape';
import type { RenderedMail } from './task-prompt.template';

export interface SignInLinkModel {
  recipientName: string;
  /** the personal link: `${publicBaseUrl}/auth/sign-in/<token>?returnTo=...` */
  signInUrl: string;
  /** how long the link stays valid */
  validMinutes: number;
}

/** The email with a sign-in link: plain text and HTML with the same content. */
export function renderSignInLink(m: SignInLinkModel): RenderedMail {
  const validity = `The link works once and expires in ${m.validMinutes} minute${m.validMinutes === 1 ? '' : 's'}. Opening it signs you in only after you press the button on the page.`;
  const ignore = 'If you did not ask to sign in, ignore this email: nobody can sign in with it without opening it.';
  const text = [`Hello ${m.recipientName},`, '', `Sign in to AI Governance: ${m.signInUrl}`, '', validity, ignore].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">
<p>Hello ${escapeHtml(m.recipientName)},</p>
<p><a href="${escapeHtml(m.signInUrl)}">Sign in to AI Governance</a></p>
<p>${escapeHtml(validity)}</p>
<p style="color:#666;font-size:smaller">${escapeHtml(ignore)}</p>
</body></html>`;
  return { subject: 'Your sign-in link for AI Governance', text, html };
}
