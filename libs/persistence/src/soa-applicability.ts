import type { EntityManager } from 'typeorm';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import { ALL_CONTROLS_APPLICABLE, ControlApplicability } from '@aigov/domain/evidence/control-health';

/**
 * Which controls apply, as control health takes it: the exclusions of the published Statement
 * of Applicability (there is at most one published version; the ones before it are
 * superseded), or every control while none is published yet.
 */
export async function publishedSoaApplicability(m: Pick<EntityManager, 'query'>): Promise<ControlApplicability> {
  const rows: Array<{ version: number; framework: CatalogFramework | null; ref: string | null; justification: string | null }> = await m.query(
    `SELECT v.version, e.framework, e.ref, e.justification
       FROM soa_versions v LEFT JOIN soa_entries e ON e.version_id = v.id AND e.applicable = false
      WHERE v.status = 'published'
      ORDER BY v.version DESC, e.framework, e.ref`,
  );
  if (rows.length === 0) return ALL_CONTROLS_APPLICABLE;
  const version = rows[0].version;
  return {
    source: 'soa',
    version,
    excluded: rows
      .filter((r) => r.version === version && r.framework !== null && r.ref !== null)
      .map((r) => ({ framework: r.framework!, ref: r.ref!, justification: r.justification ?? '' })),
  };
}
