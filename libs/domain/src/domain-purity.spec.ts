import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const DIRS = ['libs/domain/src', 'workflows/src'];
// `@aigov/domain/x` -> [alias, absolute directory], from tsconfig.json's paths
const ALIASES: Array<[string, string]> = require('../../../scripts/path-aliases').pathAliases();

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/Date\.now\(/, 'reads the clock'],
  [/new Date\(\s*\)/, 'reads the clock'],
  [/Math\.random\(/, 'is random'],
  [/\bprocess\./, 'reads the process environment'],
  [/\brequire\(/, 'loads modules at run time'],
];

/**
 * Workflow code must replay identically, and the domain must stay usable inside the workflow
 * sandbox: no clock, randomness, environment or imports beyond each other and Temporal's
 * workflow API.
 */
describe('domain and workflow purity', () => {
  const files = DIRS.flatMap(sources);

  it('finds the files it guards', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports only domain/workflow code (relative or aliased) and the Temporal workflow API', () => {
    const problems: string[] = [];
    for (const file of files) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Multi-line imports end in `} from '...'`, so the `from` clause is what is matched.
          const match = /\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/.exec(line);
          if (!match) return;
          const spec = match[1] ?? match[2];
          const alias = ALIASES.find(([prefix]) => spec.startsWith(`${prefix}/`));
          if (spec.startsWith('.') || alias) {
            const target = alias
              ? relative(ROOT, alias[1] + spec.slice(alias[0].length))
              : relative(ROOT, resolve(ROOT, file, '..', spec));
            const allowed = ['libs/domain/', 'workflows/', 'libs/temporal/src/workflow-ids'].some((p) => target.startsWith(p));
            if (!allowed) problems.push(`${file}:${i + 1} imports ${spec}`);
          } else if (!(file.startsWith('workflows/') && ['@temporalio/workflow', '@temporalio/common'].includes(spec))) {
            problems.push(`${file}:${i + 1} imports package ${spec}`);
          }
        });
    }
    expect(problems).toEqual([]);
  });

  it('never reads the clock, randomness or the environment', () => {
    const problems: string[] = [];
    for (const file of files) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const [pattern, why] of FORBIDDEN) if (pattern.test(line)) problems.push(`${file}:${i + 1} ${why}: ${line.trim()}`);
        });
    }
    expect(problems).toEqual([]);
  });
});
