import type { FastifyInstance } from 'fastify';

/**
 * The security headers of every HTML page the server sends: the web application's index, the
 * sign-in and emailed action pages, the OpenAPI explorer. A strict Content-Security-Policy
 * (scripts, styles, fonts, images and requests only from this origin; no plugins, no <base>,
 * forms post only here, no framing), no MIME sniffing, no Referer (sign-in and action links
 * carry their token in the URL) and no framing for browsers without CSP. Pages therefore use
 * no inline <script> or <style> and no style attributes: they link files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The OpenAPI explorer (Swagger UI, /api/docs: a third-party page with no user data) writes its
 * styles inline; it alone may, scripts stay as strict. Without it the page works but renders
 * an empty band where its hidden icon sprite should be.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
const API_DOCS_PREFIX = '/api/docs';

export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function isHtml(contentType: unknown): boolean {
  const value = Array.isArray(contentType) ? contentType.join(',') : String(contentType ?? '');
  return /^\s*text\/html\b/i.test(value);
}

/** One global onSend hook: whichever route or plugin produced the HTML, it leaves with the headers. */
export function registerHtmlSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (isHtml(reply.getHeader('content-type'))) {
      for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) reply.header(name, value);
      const path = request.url.split('?', 1)[0]!;
      if (path === API_DOCS_PREFIX || path.startsWith(`${API_DOCS_PREFIX}/`)) reply.header('Content-Security-Policy', API_DOCS_CONTENT_SECURITY_POLICY);
    }
    return payload;
  });
}
