import type { ControlCatalogIndex } from '../catalog/control-catalog.index';
import { CATALOG_FRAMEWORKS, CatalogFramework, CatalogValidationError, LINK_BASES, LinkBasis } from '../catalog/control-catalog.types';
import { DATA_FILE_WORDS, fieldChecks, Obj } from '../field-checks';
import { isIsoDuration } from '../iso-duration';
import { PDCA_SOURCE_TYPES } from '../pdca-item';
import {
  EVIDENCE_CADENCES,
  EVIDENCE_KINDS,
  EVIDENCE_MAP_FILE,
  EVIDENCE_SCOPES,
  EvidenceControlRef,
  EvidenceFreshness,
  EvidenceKindMapping,
  EvidenceMap,
  EvidencePdcaSource,
  FRESHNESS_BASES,
} from './evidence-map.types';

const { fail, at, object, list, oneOf, ...checks } = fieldChecks((field, reason) => {
  throw new CatalogValidationError(EVIDENCE_MAP_FILE, field, reason);
}, DATA_FILE_WORDS);
const text = (o: Obj, key: string, field: string, max = 600): string => checks.text(o, key, field, max);

function bool(o: Obj, key: string, field: string): boolean {
  if (typeof o[key] !== 'boolean') fail(at(field, key), `must be true or false; got ${JSON.stringify(o[key])}`);
  return o[key] as boolean;
}

function duration(o: Obj, key: string, field: string): string {
  const value = text(o, key, field, 40);
  if (!isIsoDuration(value)) fail(at(field, key), `must be an ISO-8601 duration such as P1Y or P30D; got ${JSON.stringify(value)}`);
  return value;
}

function freshness(value: unknown, field: string): EvidenceFreshness {
  const basis = oneOf((value as Obj | null)?.basis, `${field}.basis`, FRESHNESS_BASES);
  if (basis === 'standing') {
    object(value, field, ['basis']);
    return { basis };
  }
  if (basis === 'fixed') {
    const o = object(value, field, ['basis', 'maxAge']);
    return { basis, maxAge: duration(o, 'maxAge', field) };
  }
  const o = object(value, field, ['basis', 'cadence', 'grace', 'fallback']);
  return {
    basis,
    cadence: oneOf(o.cadence, `${field}.cadence`, EVIDENCE_CADENCES),
    grace: duration(o, 'grace', field),
    fallback: duration(o, 'fallback', field),
  };
}

function control(value: unknown, field: string, catalog: ControlCatalogIndex): EvidenceControlRef {
  const o = object(value, field, ['framework', 'ref', 'basis']);
  const framework: CatalogFramework = oneOf(o.framework, `${field}.framework`, CATALOG_FRAMEWORKS);
  const ref = text(o, 'ref', field, 40);
  const found = catalog.find(framework, ref);
  if (!found) fail(`${field}.ref`, `'${ref}' is not a control of ${framework} (catalog revision ${catalog.library.catalogs[framework].revision})`);
  if (found!.ref !== ref) fail(`${field}.ref`, `write '${found!.ref}' as the catalog does, not '${ref}'`);
  const basis: LinkBasis = oneOf(o.basis, `${field}.basis`, LINK_BASES);
  return { framework, ref: found!.ref, basis };
}

function kindMapping(value: unknown, field: string, catalog: ControlCatalogIndex): EvidenceKindMapping {
  const o = object(value, field, [
    'kind',
    'title',
    'description',
    'scope',
    'freshness',
    'openItemsAgainst',
    'overdueReviewCounts',
    'failedReviewItemCounts',
    'controls',
  ]);
  const kind = oneOf(o.kind, `${field}.kind`, EVIDENCE_KINDS);
  const scope = oneOf(o.scope, `${field}.scope`, EVIDENCE_SCOPES);
  if (o.freshness === undefined) fail(`${field}.freshness`, 'is required');
  const fresh = freshness(o.freshness, `${field}.freshness`);
  if (scope === 'organisation' && fresh.basis === 'cadence' && fresh.cadence === 'tier_review') {
    fail(`${field}.freshness.cadence`, 'an organisation-wide kind has no risk tier: use management_review, internal_audit, fixed or standing');
  }
  const sources = list(o, 'openItemsAgainst', field, false).map((s, i) => oneOf(s, `${field}.openItemsAgainst[${i}]`, PDCA_SOURCE_TYPES) as EvidencePdcaSource);
  sources.forEach((s, i) => sources.indexOf(s) !== i && fail(`${field}.openItemsAgainst[${i}]`, `'${s}' is listed twice`));
  // manual evidence names its controls per item; every other kind evidences at least one control
  const controls = list(o, 'controls', field, kind !== 'manual_evidence').map((c, i) => control(c, `${field}.controls[${i}]`, catalog));
  const seen = new Set<string>();
  controls.forEach((c, i) => {
    const key = `${c.framework} ${c.ref}`;
    if (seen.has(key)) fail(`${field}.controls[${i}]`, `${c.framework} ${c.ref} is listed twice`);
    seen.add(key);
  });
  return {
    kind,
    title: text(o, 'title', field, 120),
    description: text(o, 'description', field),
    scope,
    freshness: fresh,
    openItemsAgainst: sources,
    overdueReviewCounts: bool(o, 'overdueReviewCounts', field),
    failedReviewItemCounts: bool(o, 'failedReviewItemCounts', field),
    controls,
  };
}

/**
 * Validates the evidence map against the loaded catalog: every kind known and listed once,
 * every control resolving to a catalog entry, every duration ISO-8601. A mistake throws a
 * CatalogValidationError naming evidence-map.json and the field.
 */
export function parseEvidenceMap(raw: unknown, catalog: ControlCatalogIndex): EvidenceMap {
  const o = object(raw, '', ['title', 'revision', 'kinds']);
  if (o.revision === undefined) fail('revision', 'is required');
  if (!Number.isInteger(o.revision) || (o.revision as number) < 1) fail('revision', `must be a whole number of at least 1, got ${JSON.stringify(o.revision)}`);
  const kinds = list(o, 'kinds', '', true).map((k, i) => kindMapping(k, `kinds[${i}]`, catalog));
  kinds.forEach((k, i) => kinds.findIndex((other) => other.kind === k.kind) !== i && fail(`kinds[${i}].kind`, `'${k.kind}' is mapped by an earlier entry`));
  return { title: text(o, 'title', ''), revision: o.revision as number, kinds };
}
