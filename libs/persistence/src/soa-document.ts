import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { SOA_FRAMEWORKS, SoaEntry } from '@aigov/domain/soa';
import { canonicalJson } from './audit-chain';

/** The entries of one SoA version, in catalog order of framework then ref. */
export async function loadSoaEntries(m: EntityManager, versionId: string): Promise<SoaEntry[]> {
  const rows: Array<Record<string, unknown>> = await m.query(
    `SELECT framework, ref, applicable, justification, implementation_status, owner_id, risk_ids, evidence_notes
       FROM soa_entries WHERE version_id = $1 ORDER BY framework DESC, ref`,
    [versionId],
  );
  return rows.map((r) => ({
    framework: r.framework as SoaEntry['framework'],
    ref: r.ref as string,
    applicable: r.applicable as boolean,
    justification: r.justification as string,
    implementationStatus: r.implementation_status as SoaEntry['implementationStatus'],
    ownerId: (r.owner_id as string | null) ?? null,
    riskIds: (r.risk_ids as string[]) ?? [],
    evidenceNotes: (r.evidence_notes as string | null) ?? null,
  }));
}

/** The frozen form of a version: what was decided for every control, against which catalog editions. */
export interface SoaDocument {
  kind: 'statement_of_applicability';
  version: number;
  catalogs: Array<{ framework: string; edition: string; revision: number }>;
  entries: Array<SoaEntry & { title: string }>;
}

export function buildSoaDocument(version: number, entries: SoaEntry[], catalog: ControlCatalogIndex): SoaDocument {
  const order = new Map(SOA_FRAMEWORKS.flatMap((f) => catalog.library.catalogs[f].controls.map((c, i) => [`${f} ${c.ref}`, i] as const)));
  const sorted = [...entries].sort(
    (a, b) => SOA_FRAMEWORKS.indexOf(a.framework) - SOA_FRAMEWORKS.indexOf(b.framework) || (order.get(`${a.framework} ${a.ref}`) ?? 0) - (order.get(`${b.framework} ${b.ref}`) ?? 0),
  );
  return {
    kind: 'statement_of_applicability',
    version,
    catalogs: SOA_FRAMEWORKS.map((f) => ({ framework: f, edition: catalog.library.catalogs[f].version, revision: catalog.library.catalogs[f].revision })),
    entries: sorted.map((e) => ({ ...e, riskIds: [...e.riskIds], title: catalog.find(e.framework, e.ref)?.title ?? e.ref })),
  };
}

/** SHA-256 (hex) of the document's canonical serialisation (sorted keys, no whitespace). */
export function soaDocumentSha256(document: SoaDocument | Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
