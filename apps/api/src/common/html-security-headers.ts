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
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (isHtml(reply.getHeader('content-type'))) {
      for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) reply.header(name, value);
    }
    return payload;
  });
}
