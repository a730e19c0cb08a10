import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { API_DOCS_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '@aigov/api/common/html-security-headers';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';

/**
 * The API serves the built web application at `/`: the app's paths get its index.html (history
 * fallback, never cached), hashed assets are cached for a year, the API's own paths keep their
 * answers (an unknown one is the API's JSON 404, not the app), and every HTML answer carries
 * the security headers, the emailed pages included.
 */
describe('serving the web application', () => {
  let h: Harness;
  let assets: string[];
  let webAppDir: string;

  beforeAll(async () => {
    webAppDir = await builtWebApp();
    assets = readdirSync(join(webAppDir, 'assets'));
    h = await startGovernanceHarness({ worker: false, webAppDir });
  }, 60_000);
  afterAll(async () => h?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });

  function expectHtmlSecurityHeaders(response: Response): void {
    expect({
      csp: response.headers.get('content-security-policy'),
      nosniff: response.headers.get('x-content-type-options'),
      referrer: response.headers.get('referrer-policy'),
      frame: response.headers.get('x-frame-options'),
    }).toEqual({ csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  }

  it.each(['/', '/inbox', '/tasks/0b6c4a8e-5f1d-4c3b-9a7e-2d8f1e4c6b5a', '/sign-in?returnTo=%2Finbox', '/systems/new', '/no/such/screen'])(
    'answers %s with the app, never cached, with the security headers',
    async (path) => {
      const response = await get(path, { accept: 'text/html' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectHtmlSecurityHeaders(response);
      const html = await response.text();
      expect(html).toContain('<div id="root"></div>');
      // Everything the page loads is a file from /assets: nothing inline for the CSP to refuse.
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script>|<style|style="/);
    },
  );

  it('serves the hashed assets for a year, and a missing one as a 404', async () => {
    const script = assets.find((name) => name.endsWith('.js'))!;
    const response = await get(`/assets/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = assets.find((name) => name.endsWith('.css'))!;
    expect((await get(`/assets/${css}`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await get('/assets/index-missing.js')).status).toBe(404);
  });

  /** The raw answer, bytes as sent (fetch would decompress them out of sight). */
  function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${h.baseUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends the assets compressed (brotli, else gzip) to browsers that accept it, and plain to the rest', async () => {
    const size = (name: string) => statSync(join(webAppDir, 'assets', name)).size;
    const largest = assets.filter((name) => name.endsWith('.js')).sort((a, b) => size(b) - size(a))[0];
    const original = readFileSync(join(webAppDir, 'assets', largest));

    const brotli = await rawGet(`/assets/${largest}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect({ status: brotli.status, encoding: brotli.headers['content-encoding'], vary: brotli.headers.vary }).toEqual({ status: 200, encoding: 'br', vary: 'accept-encoding' });
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);

    const gzip = await rawGet(`/assets/${largest}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await rawGet(`/assets/${largest}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("leaves the API's paths to the API: unknown ones are its JSON 404, not the app", async () => {
    for (const path of ['/api/v1/no-such-thing', '/api', '/health/deep', '/auth/nothing-here', '/actions']) {
      const response = await get(path, { accept: 'text/html' });
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 404, type: expect.stringMatching(/^application\/json/) });
    }
    const health = await get('/health');
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await get('/api/v1/tasks')).status).toBe(401);
  });

  it('sends the security headers with the server-rendered pages people open from emails', async () => {
    for (const path of ['/actions/not-a-valid-token', '/auth/sign-in/not-a-valid-token']) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectHtmlSecurityHeaders(response);
      const html = await response.text();
      expect(html).not.toMatch(/<style|<script|style="/);
    }
  });

  it('keeps the JavaScript of the first page under 300 kB gzipped (issue 14), the screens in chunks of their own', async () => {
    const html = readFileSync(join(webAppDir, 'index.html'), 'utf8');
    const entry = /src="\/assets\/(index-[\w-]+\.js)"/.exec(html)![1]!;
    // The entry and the chunks it imports statically load before anything renders.
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const code = readFileSync(join(webAppDir, 'assets', file), 'utf8');
      // Static imports only (`from"./x.js"`, `import"./x.js"`); `import("./x.js")` is a lazy screen.
      for (const [, imported] of code.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) visit(imported!);
    };
    visit(entry);
    const gzipped = [...loaded].reduce((sum, file) => sum + gzipSync(readFileSync(join(webAppDir, 'assets', file))).length, 0);
    expect(gzipped).toBeLessThan(300 * 1024);
    // Screens are loaded when visited (React.lazy), not with the entry.
    expect(assets.filter((name) => /^(InboxPage|TaskPage|SignInPage)-[\w-]+\.js$/.test(name))).toHaveLength(3);
    expect([...loaded].some((file) => /Page-/.test(file))).toBe(false);
  });

  it("lets only the OpenAPI explorer's page use inline styles, its scripts as strict as everywhere", async () => {
    const docs = await get('/api/docs');
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.headers.get('content-security-policy')).toBe(API_DOCS_CONTENT_SECURITY_POLICY);
    expect(API_DOCS_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(API_DOCS_CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline';");
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
  });

  it('does not add them to JSON answers', async () => {
    const response = await get('/health');
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});
