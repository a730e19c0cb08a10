import { DATA_FILE_WORDS, fieldChecks, Obj } from '../field-checks';
import {
  AI_ACT_ROLES,
  AiActRole,
  CATALOG_FILES,
  CATALOG_FRAMEWORKS,
  CatalogControl,
  CatalogFramework,
  CatalogGroup,
  CatalogValidationError,
  CLAUSE_STANDARDS,
  ClauseStandard,
  ControlCatalog,
  ControlLibrary,
  Crosswalk,
  CROSSWALK_FILE,
  CROSSWALK_TARGETS,
  CrosswalkLink,
  CrosswalkMapping,
  CrosswalkTarget,
  LINK_BASES,
  LinkBasis,
} from './control-catalog.types';


/** The identifier form each framework uses; a ref that does not fit is a typo. */
const REF_FORMS: Record<CatalogFramework, { pattern: RegExp; example: string }> = {
  iso42001: { pattern: /^A\.\d{1,2}\.\d{1,2}(\.\d{1,2})?$/, example: 'A.6.2.6' },
  iso27001: { pattern: /^A\.[5-8]\.\d{1,2}$/, example: 'A.5.2' },
  clauses: { pattern: /^([4-9]|10)(\.\d{1,2}){0,2}$/, example: '9.3.2' },
  eu_ai_act: { pattern: /^art-\d{1,3}$/, example: 'art-72' },
};

/** Fields each framework's controls may carry beyond the common ones. */
const EXTRA_FIELDS: Record<CatalogFramework, string[]> = {
  iso42001: [],
  iso27001: ['newIn2022'],
  clauses: ['parent', 'appliesTo'],
  eu_ai_act: ['binds', 'bindsNote'],
};

/** Validation helpers bound to one file, so every error names it. */
function checker(file: string) {
  const { fail, object, list, oneOf, ...checks } = fieldChecks((field, reason) => {
    throw new CatalogValidationError(file, field, reason);
  }, DATA_FILE_WORDS);
  const text = (o: Obj, key: string, field: string, max = 400): string => checks.text(o, key, field, max);
  const revision = (o: Obj): number => {
    if (o.revision === undefined) fail('revision', 'is required');
    if (!Number.isInteger(o.revision) || (o.revision as number) < 1) fail('revision', `must be a whole number of at least 1, got ${JSON.stringify(o.revision)}`);
    return o.revision as number;
  };
  const subset = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] => {
    if (!Array.isArray(value) || value.length === 0) fail(field, `must be a non-empty list of ${allowed.join(', ')}`);
    const items = (value as unknown[]).map((v, i) => oneOf(v, `${field}[${i}]`, allowed));
    items.forEach((v, i) => {
      if (items.indexOf(v) !== i) fail(`${field}[${i}]`, `'${v}' is listed twice`);
    });
    return items;
  };
  return { fail, object, text, list, revision, oneOf, subset };
}

function group(c: ReturnType<typeof checker>, value: unknown, field: string): CatalogGroup {
  const o = c.object(value, field, ['id', 'title']);
  return { id: c.text(o, 'id', field, 40), title: c.text(o, 'title', field, 120) };
}

function control(c: ReturnType<typeof checker>, framework: CatalogFramework, value: unknown, field: string, groups: Set<string>, earlier: Set<string>): CatalogControl {
  const o = c.object(value, field, ['ref', 'title', 'summary', 'group', ...EXTRA_FIELDS[framework]]);
  const ref = c.text(o, 'ref', field, 20);
  const form = REF_FORMS[framework];
  if (!form.pattern.test(ref)) c.fail(`${field}.ref`, `'${ref}' is not a ${framework} reference (form: ${form.example})`);
  if (earlier.has(ref)) c.fail(`${field}.ref`, `'${ref}' is used by an earlier control (refs are unique per framework)`);
  const result: CatalogControl = {
    framework,
    ref,
    title: c.text(o, 'title', field, 120),
    summary: c.text(o, 'summary', field, 400),
    group: c.text(o, 'group', field, 40),
  };
  if (!groups.has(result.group)) c.fail(`${field}.group`, `'${result.group}' is not one of the file's groups (${[...groups].join(', ')})`);
  if ((framework === 'iso42001' || framework === 'iso27001') && !ref.startsWith(`${result.group}.`)) {
    c.fail(`${field}.group`, `'${ref}' cannot belong to group '${result.group}' (its ref must start with '${result.group}.')`);
  }
  if (framework === 'iso27001' && o.newIn2022 !== undefined) {
    if (typeof o.newIn2022 !== 'boolean') c.fail(`${field}.newIn2022`, 'must be true or false');
    result.newIn2022 = o.newIn2022 as boolean;
  }
  if (framework === 'clauses') {
    if (o.parent === undefined) c.fail(`${field}.parent`, 'is required (null for clauses 4-10 themselves)');
    if (o.parent === null) {
      if (ref !== result.group) c.fail(`${field}.parent`, `only the top-level clause '${result.group}' has no parent`);
    } else if (typeof o.parent !== 'string' || !earlier.has(o.parent) || !ref.startsWith(`${o.parent}.`)) {
      c.fail(`${field}.parent`, `must be an earlier clause that '${ref}' is numbered under; got ${JSON.stringify(o.parent)}`);
    }
    if (!ref.split('.')[0] || ref.split('.')[0] !== result.group) c.fail(`${field}.group`, `'${ref}' belongs to clause ${ref.split('.')[0]}, not '${result.group}'`);
    if (o.appliesTo === undefined) c.fail(`${field}.appliesTo`, 'is required');
    result.parent = (o.parent as string | null) ?? null;
    result.appliesTo = c.subset<ClauseStandard>(o.appliesTo, `${field}.appliesTo`, CLAUSE_STANDARDS);
  }
  if (framework === 'eu_ai_act') {
    if (o.binds === undefined) c.fail(`${field}.binds`, 'is required');
    result.binds = c.subset<AiActRole>(o.binds, `${field}.binds`, AI_ACT_ROLES);
    if (o.bindsNote !== undefined) result.bindsNote = c.text(o, 'bindsNote', field, 400);
  }
  return result;
}

/**
 * Validates one catalog file already parsed from JSON. `file` names it in errors, and
 * `expected` is the framework its file name promises. The first problem throws a
 * CatalogValidationError with the exact path, e.g. `controls[12].group`.
 */
export function parseControlCatalog(raw: unknown, file: string, expected?: CatalogFramework): ControlCatalog {
  const c = checker(file);
  const o = c.object(raw, '', ['framework', 'title', 'version', 'revision', 'groups', 'controls']);
  if (o.framework === undefined) c.fail('framework', 'is required');
  const framework = c.oneOf<CatalogFramework>(o.framework, 'framework', CATALOG_FRAMEWORKS);
  if (expected && framework !== expected) c.fail('framework', `must be '${expected}' in this file, got '${framework}'`);
  const title = c.text(o, 'title', '', 200);
  const version = c.text(o, 'version', '', 40);
  const revision = c.revision(o);
  const groupsRaw = c.list(o, 'groups', '');
  if (groupsRaw.length === 0) c.fail('groups', 'must list at least one group');
  const groups = groupsRaw.map((g, i) => group(c, g, `groups[${i}]`));
  groups.forEach((g, i) => {
    if (groups.findIndex((h) => h.id === g.id) !== i) c.fail(`groups[${i}].id`, `'${g.id}' is used by an earlier group`);
  });
  const controlsRaw = c.list(o, 'controls', '');
  if (controlsRaw.length === 0) c.fail('controls', 'must list at least one control');
  const groupIds = new Set(groups.map((g) => g.id));
  const seen = new Set<string>();
  const controls = controlsRaw.map((value, i) => {
    const parsed = control(c, framework, value, `controls[${i}]`, groupIds, seen);
    seen.add(parsed.ref);
    return parsed;
  });
  groups.forEach((g, i) => {
    if (!controls.some((ctl) => ctl.group === g.id)) c.fail(`groups[${i}]`, `group '${g.id}' has no controls`);
  });
  return { framework, title, version, revision, groups, controls };
}

/**
 * Validates the crosswalk against the already validated catalogs: every mapped 42001 control
 * and every linked control must exist, and every 42001 control must have at least one link.
 */
export function parseCrosswalk(raw: unknown, file: string, catalogs: Record<CatalogFramework, ControlCatalog>): Crosswalk {
  const c = checker(file);
  const o = c.object(raw, '', ['title', 'from', 'revision', 'catalogs', 'bases', 'mappings']);
  const title = c.text(o, 'title', '', 200);
  if (o.from !== 'iso42001') c.fail('from', `must be 'iso42001'; got ${JSON.stringify(o.from)}`);
  const revision = c.revision(o);
  if (o.catalogs === undefined) c.fail('catalogs', 'is required (the catalog versions the crosswalk was written against)');
  const versions = c.object(o.catalogs, 'catalogs', [...CATALOG_FRAMEWORKS]);
  for (const framework of CATALOG_FRAMEWORKS) {
    if (versions[framework] !== catalogs[framework].version) {
      c.fail(`catalogs.${framework}`, `was written for version ${JSON.stringify(versions[framework])} but ${CATALOG_FILES[framework]} is version '${catalogs[framework].version}'; review the links`);
    }
  }
  if (o.bases !== undefined) {
    const bases = c.object(o.bases, 'bases', [...LINK_BASES]);
    for (const key of Object.keys(bases)) c.text(bases, key, 'bases', 400);
  }
  const refsOf = (framework: CatalogFramework) => new Set(catalogs[framework].controls.map((ctl) => ctl.ref));
  const known = Object.fromEntries(CATALOG_FRAMEWORKS.map((f) => [f, refsOf(f)])) as Record<CatalogFramework, Set<string>>;
  const mappingsRaw = c.list(o, 'mappings', '');
  const mapped = new Set<string>();
  const mappings: CrosswalkMapping[] = mappingsRaw.map((value, i) => {
    const field = `mappings[${i}]`;
    const m = c.object(value, field, ['ref', 'links']);
    const ref = c.text(m, 'ref', field, 20);
    if (!known.iso42001.has(ref)) c.fail(`${field}.ref`, `'${ref}' is not a control in ${CATALOG_FILES.iso42001}`);
    if (mapped.has(ref)) c.fail(`${field}.ref`, `'${ref}' is mapped by an earlier entry`);
    mapped.add(ref);
    const linksRaw = c.list(m, 'links', field);
    if (linksRaw.length === 0) c.fail(`${field}.links`, `must list at least one link for '${ref}'`);
    const links: CrosswalkLink[] = linksRaw.map((linkValue, j) => {
      const lf = `${field}.links[${j}]`;
      const l = c.object(linkValue, lf, ['framework', 'ref', 'basis', 'stages']);
      if (l.framework === undefined) c.fail(`${lf}.framework`, 'is required');
      const framework = c.oneOf<CrosswalkTarget>(l.framework, `${lf}.framework`, CROSSWALK_TARGETS);
      const target = c.text(l, 'ref', lf, 20);
      if (!known[framework].has(target)) c.fail(`${lf}.ref`, `'${target}' is not a control in ${CATALOG_FILES[framework]}`);
      if (l.basis === undefined) c.fail(`${lf}.basis`, 'is required');
      const basis = c.oneOf<LinkBasis>(l.basis, `${lf}.basis`, LINK_BASES);
      const stagesRaw = c.list(l, 'stages', lf);
      if (stagesRaw.length === 0 || stagesRaw.some((s) => typeof s !== 'string' || !s.trim())) c.fail(`${lf}.stages`, 'must be a non-empty list of non-empty strings');
      return { framework, ref: target, basis, stages: stagesRaw as string[] };
    });
    links.forEach((l, j) => {
      if (links.findIndex((k) => k.framework === l.framework && k.ref === l.ref) !== j) c.fail(`${field}.links[${j}]`, `${l.framework} '${l.ref}' is linked twice`);
    });
    return { ref, links };
  });
  catalogs.iso42001.controls.forEach((ctl) => {
    if (!mapped.has(ctl.ref)) c.fail('mappings', `42001 control '${ctl.ref}' has no links (every control needs at least one)`);
  });
  return { title, from: 'iso42001', revision, catalogs: versions as Record<CatalogFramework, string>, mappings };
}

/**
 * Validates the whole catalog directory, given each file's parsed JSON by file name
 * (CATALOG_FILES and CROSSWALK_FILE). A missing file is named.
 */
export function parseControlLibrary(files: Record<string, unknown>): ControlLibrary {
  const catalogs = {} as Record<CatalogFramework, ControlCatalog>;
  for (const framework of CATALOG_FRAMEWORKS) {
    const file = CATALOG_FILES[framework];
    if (files[file] === undefined) throw new CatalogValidationError(file, '', 'the file is missing');
    catalogs[framework] = parseControlCatalog(files[file], file, framework);
  }
  if (files[CROSSWALK_FILE] === undefined) throw new CatalogValidationError(CROSSWALK_FILE, '', 'the file is missing');
  return { catalogs, crosswalk: parseCrosswalk(files[CROSSWALK_FILE], CROSSWALK_FILE, catalogs) };
}
