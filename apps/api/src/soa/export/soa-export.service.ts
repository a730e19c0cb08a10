import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import { DEFAULT_ORGANISATION, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { SOA_FRAMEWORKS, SoaEntry, SoaFramework } from '@aigov/domain/soa';
import { SoaVersionEntity } from '@aigov/persistence/entities';
import { loadSoaEntries, SoaDocument } from '@aigov/persistence/soa-document';
import { requireAllowed } from '../../auth/access';
import type { UserPrincipal } from '../../auth/principal';
import { badRequest, notFound } from '../../common/api-error';
import { isoDate } from '../../common/iso-date';
import { buildSoaCsv } from './soa-export-csv.util';
import { buildSoaOscal } from './soa-export-oscal.util';
import { buildSoaPdf } from './soa-export-pdf.util';
import { buildSoaXlsx } from './soa-export-xlsx.util';
import { SOA_DRAFT_VERSION, SoaExportData, soaExportFilename, SoaExportFormat, SoaExportPerson, SoaExportRow } from './soa-export.model';

export interface SoaExportFile {
  contentType: string;
  filename: string;
  body: Buffer | string;
}

const FILES: Record<SoaExportFormat, { contentType: string; extension: string; build: (data: SoaExportData) => Buffer | string | Promise<Buffer | string> }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', build: buildSoaCsv },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', build: buildSoaXlsx },
  pdf: { contentType: 'application/pdf', extension: 'pdf', build: buildSoaPdf },
  // an OSCAL 1.0.4 system security plan (JSON)
  oscal: { contentType: 'application/json; charset=utf-8', extension: 'oscal-ssp.json', build: (data) => `${JSON.stringify(buildSoaOscal(data), null, 2)}\n` },
};

/**
 * Exports one version of the Statement of Applicability (or, named `draft`, the current draft)
 * as a file. A published version is exported from its frozen document, the one its SHA-256 is
 * over, so the file shows exactly what was approved; the draft from its entries, with every
 * control of the catalog (undecided ones too). Read by whoever may read the SoA (`soa.read`).
 */
@Injectable()
export class SoaExportService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async export(rawVersion: string, format: SoaExportFormat, me: UserPrincipal): Promise<SoaExportFile> {
    requireAllowed(me, 'soa.read');
    const file = FILES[format];
    const data = await this.exportData(rawVersion);
    return { contentType: file.contentType, filename: soaExportFilename(data, file.extension), body: await file.build(data) };
  }

  /** What every export carries, for one version (or the draft). */
  async exportData(rawVersion: string): Promise<SoaExportData> {
    const v = await this.findVersion(rawVersion);
    const draft = v.isOpen;
    const entries: Array<SoaEntry & { title?: string }> = draft ? await loadSoaEntries(this.dataSource.manager, v.id) : (v.document as unknown as SoaDocument).entries;
    const people = await this.people([...new Set(entries.map((e) => e.ownerId).filter((id): id is string => !!id))]);
    const toRow = (e: (SoaEntry & { title?: string }) | undefined, framework: SoaFramework, ref: string, title: string): SoaExportRow => ({
      framework,
      ref,
      title,
      decided: !!e,
      applicable: e?.applicable ?? null,
      justification: e?.justification ?? null,
      implementationStatus: e?.implementationStatus ?? null,
      owner: (e?.ownerId && people.get(e.ownerId)) || null,
      riskIds: e?.riskIds ?? [],
      evidenceNotes: e?.evidenceNotes ?? null,
    });
    let rows: SoaExportRow[];
    if (draft) {
      // The draft lists every control of the catalog, decided or not.
      const byKey = new Map(entries.map((e) => [`${e.framework} ${e.ref}`, e]));
      const controls = SOA_FRAMEWORKS.flatMap((f) => this.catalog.library.catalogs[f].controls);
      rows = controls.map((c) => toRow(byKey.get(`${c.framework} ${c.ref}`), c.framework as SoaFramework, c.ref, c.title));
      const listed = new Set(controls.map((c) => `${c.framework} ${c.ref}`));
      rows.push(...entries.filter((e) => !listed.has(`${e.framework} ${e.ref}`)).map((e) => toRow(e, e.framework, e.ref, e.ref)));
    } else {
      rows = entries.map((e) => toRow(e, e.framework, e.ref, e.title ?? this.catalog.find(e.framework, e.ref)?.title ?? e.ref));
    }
    const frozenCatalogs = draft ? null : (v.document as unknown as SoaDocument).catalogs;
    const catalogs = SOA_FRAMEWORKS.map((framework) => {
      const live = this.catalog.library.catalogs[framework];
      const frozen = frozenCatalogs?.find((c) => c.framework === framework);
      return { framework, title: live.title, edition: frozen?.edition ?? live.version, revision: frozen?.revision ?? live.revision };
    });
    return {
      organisation: this.policy.organisation ?? DEFAULT_ORGANISATION,
      versionId: v.id,
      version: v.version,
      draft,
      status: v.status,
      publishedAt: isoDate(v.publishedAt),
      lastModified: isoDate(draft ? v.updatedAt : (v.publishedAt ?? v.updatedAt))!,
      approvers: draft ? [] : await this.approvers(v),
      sha256: draft ? null : v.sha256,
      catalogs,
      rows,
    };
  }

  /** A published (or superseded) version by number, or the open draft by `draft`. */
  private async findVersion(raw: string): Promise<SoaVersionEntity> {
    const m = this.dataSource.manager;
    if (raw === SOA_DRAFT_VERSION) {
      const open = await m.findOne(SoaVersionEntity, { where: { isOpen: true } });
      if (!open) throw notFound('there is no draft of the Statement of Applicability: nobody has edited it since the current version', 'version');
      return open;
    }
    if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw badRequest(`a version is a positive whole number, or '${SOA_DRAFT_VERSION}' for the current draft`, 'version');
    const v = await m.findOne(SoaVersionEntity, { where: { version: Number(raw) } });
    if (!v) throw notFound(`no Statement of Applicability version ${raw}`, 'version');
    if (v.isOpen || !v.document) throw notFound(`Statement of Applicability version ${raw} is not published; export it as '${SOA_DRAFT_VERSION}'`, 'version');
    return v;
  }

  private async people(ids: string[]): Promise<Map<string, SoaExportPerson>> {
    if (!ids.length) return new Map();
    const rows: SoaExportPerson[] = await this.dataSource.query('SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((p) => [p.id, p]));
  }

  /** Whoever approved the round that published the version. */
  private async approvers(v: SoaVersionEntity): Promise<SoaExportData['approvers']> {
    const rows: Array<SoaExportPerson & { decided_at: Date | null }> = await this.dataSource.query(
      `SELECT u.id, u.name, u.email, t.decided_at FROM tasks t JOIN users u ON u.id = t.decided_by_id
        WHERE t.subject_kind = 'soa' AND t.subject_id = $1 AND t.round = $2 AND t.decision = 'approve'
        ORDER BY t.decided_at, u.email`,
      [v.id, v.approvalRound],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, decidedAt: isoDate(r.decided_at) }));
  }
}
