import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory holding package.json, found from this file's location so that the scripts
 * behave the same from `scripts/` (ts, under jest) and from `dist/scripts/` (compiled; dist/
 * has no package.json of its own).
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where `npm start` and `npm run migration:run` keep local state: DATA_DIR, else `.data/`. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DATA_DIR?.trim();
  return configured ? path.resolve(configured) : path.join(projectRoot(), '.data');
}
