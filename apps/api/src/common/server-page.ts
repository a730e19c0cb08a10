import { createHash } from 'node:crypto';
import { escapeHtml } from '@aigov/notifications/html-escape';

/**
 * The one stylesheet of the server-rendered pages (emailed action links, sign-in). Served as a
 * file from /auth/assets/ because the Content-Security-Policy on every HTML answer
 * (style-src 'self') refuses inline <style> elements and style attributes.
 */
export const PAGE_STYLESHEET = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2430;line-height:1.45}
h2{font-size:1.1rem;margin-top:1.75rem}
fieldset{border:1px solid #ccd;padding:1rem}
textarea{width:100%;min-height:5rem}
input,select,textarea{max-width:100%;box-sizing:border-box;font:inherit}
button{margin-top:1rem;padding:.5rem 1.25rem;font:inherit}
button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.muted{color:#5a6472}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0}
.reasons li{margin-bottom:.35rem}
.answers{border-collapse:collapse;width:100%}
.answers th,.answers td{border-top:1px solid #dde;padding:.35rem .25rem;text-align:left;vertical-align:top}
.answers th{font-weight:400}
.answers caption{text-align:left;font-weight:600;padding:.75rem 0 .25rem}
.primary{background:#1d4ed8;color:#fff;border:0;border-radius:.25rem;font-weight:600;min-height:2.75rem}
.choice{display:block;padding:.5rem 0}
.choice input{width:1.25rem;height:1.25rem;vertical-align:middle;margin:0 .5rem 0 0}
`;

/** The file name under /auth/assets/. */
export const PAGE_STYLESHEET_FILE = 'page.css';

/** Changes with the content, so the versioned address can be cached for good. */
export const PAGE_STYLESHEET_VERSION = createHash('sha256').update(PAGE_STYLESHEET).digest('hex').slice(0, 12);

/** The stylesheet's address, as the pages link it. */
export const PAGE_STYLESHEET_HREF = `/auth/assets/${PAGE_STYLESHEET_FILE}?v=${PAGE_STYLESHEET_VERSION}`;

/**
 * A whole server-rendered page around `body` (already escaped HTML). No inline styles or
 * scripts: the Content-Security-Policy allows only files from this origin.
 */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${PAGE_STYLESHEET_HREF}"></head><body>${body}</body></html>`;
}
