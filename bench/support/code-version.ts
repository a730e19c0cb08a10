import { execFileSync } from 'node:child_process';

/**
 * The commit a run measured, and whether the checkout had uncommitted changes: a figure means
 * little without the code it came from. Null outside a git checkout (a copy of the sources).
 */
export function codeVersion(cwd: string): { commit: string; uncommittedChanges: boolean } | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    // bench/results is what a run writes: its own files are not changes to the code measured.
    return { commit: git('rev-parse', 'HEAD'), uncommittedChanges: git('status', '--porcelain', '--', '.', ':(exclude)bench/results').length > 0 };
  } catch {
    return null;
  }
}
