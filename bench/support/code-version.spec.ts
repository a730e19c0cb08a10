import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeVersion } from './code-version';

describe('codeVersion (the commit a benchmark run measured)', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'code-version-'));
    git('init', '-q');
    git('-c', 'user.email=b@example.org', '-c', 'user.name=bench', 'commit', '-q', '--allow-empty', '-m', 'first');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the commit, and says when the code has changes that are not committed', () => {
    expect(codeVersion(dir)).toEqual({ commit: git('rev-parse', 'HEAD'), uncommittedChanges: false });
    writeFileSync(path.join(dir, 'changed.ts'), 'export {};\n');
    expect(codeVersion(dir)).toEqual({ commit: git('rev-parse', 'HEAD'), uncommittedChanges: true });
  });

  it('does not count the result files a run writes as changes', () => {
    execFileSync('mkdir', ['-p', path.join(dir, 'bench', 'results')]);
    writeFileSync(path.join(dir, 'bench', 'results', 'authorize.json'), '{}\n');
    expect(codeVersion(dir)?.uncommittedChanges).toBe(false);
  });

  it('is null outside a git checkout', () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'no-git-'));
    try {
      expect(codeVersion(plain)).toBeNull();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
