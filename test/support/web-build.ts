import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/** A hash of everything the build reads from the repository (sources, config, dependency versions). */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(WEB), join(ROOT, 'package-lock.json')].sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let building: Promise<string> | undefined;

/**
 * The web application built for browser tests, into a temporary directory named by a hash of
 * its sources: the first browser test of a run builds it (vite, about 3 s), later ones (and
 * later runs with unchanged sources) reuse it. The tests never depend on a stale dist/web.
 */
export function builtWebApp(): Promise<string> {
  building ??= (async () => {
    const out = join(tmpdir(), `aigov-web-${sourceHash()}`);
    if (existsSync(join(out, 'index.html'))) return out;
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(
      process.execPath,
      [vite, 'build', '--config', join(WEB, 'vite.config.mts'), '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: ROOT, env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
    );
    if (!existsSync(join(out, 'index.html'))) throw new Error(`vite build wrote no index.html into ${out}`);
    return out;
  })();
  return building;
}
