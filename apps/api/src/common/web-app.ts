import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The web application (apps/web, built by `npm run build` into dist/web) is served by the API
 * at `/`: its hashed files under /assets/ are cached for a year (a new build has new names) and
 * sent compressed (brotli or gzip, compressed at build time),
 * every other GET that is not the API's (/api, /health, /actions, /auth) is the app's
 * index.html, never cached, so the app's router shows the page (history fallback).
 */

/** Paths the API owns: an unknown one there is the API's 404, not the app. */
const SERVER_PREFIXES = ['/api', '/health', '/actions', '/auth'];

export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const INDEX_CACHE_CONTROL = 'no-cache';

/** dist/web beside the compiled API, or the repository's when running from source; WEB_APP_DIR overrides. */
export function defaultWebAppDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.WEB_APP_DIR?.trim();
  if (configured) return path.resolve(configured);
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'web');
    if (path.dirname(dir) === dir) return path.resolve('dist', 'web');
  }
}

function ownedByServer(url: string): boolean {
  const pathname = url.split('?', 1)[0]!;
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Registers the app's routes on the Fastify instance; false (and nothing registered) when the
 * app is not built, so the API alone still runs (tests, `npm run build` skipped).
 */
export function serveWebApp(fastify: FastifyInstance, dir: string): boolean {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  // Read once: the index is tiny and changes only with a new build (and a restart).
  const index = readFileSync(indexFile);

  void fastify.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    // The Swagger UI registers @fastify/static too; only one may decorate the reply.
    decorateReply: false,
    index: false,
    cacheControl: false,
    // The build writes .br and .gz copies beside each asset (apps/web/precompress.mts): sent
    // to browsers that accept them, with Vary: Accept-Encoding; the plain file to the rest.
    preCompressed: true,
    setHeaders: (reply) => void reply.header('Cache-Control', ASSET_CACHE_CONTROL),
  });

  fastify.get('/*', (request, reply) => {
    if (ownedByServer(request.url)) return reply.callNotFound();
    return reply.header('Cache-Control', INDEX_CACHE_CONTROL).type('text/html; charset=utf-8').send(index);
  });
  fastify.get('/', (_request, reply) => reply.header('Cache-Control', INDEX_CACHE_CONTROL).type('text/html; charset=utf-8').send(index));
  return true;
}
