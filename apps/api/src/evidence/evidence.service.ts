import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@aigov/config/clock';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import { EVIDENCE_MAP } from '@aigov/config/evidence-map.loader';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { CATALOG_FRAMEWORKS, CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import { computeControlHealth, ControlApplicability, ControlHealthStatus, controlsOfMap } from '@aigov/domain/evidence/control-health';
import type { EvidenceKind, EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import { allows } from '@aigov/domain/access/access';
import { aiSystemResource, requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { notFound } from '../common/api-error';
import { applicabilityNote, ControlApplicabilityProvider } from './control-applicability.provider';
import { EvidenceItem, EvidenceQueries } from '@aigov/persistence/evidence/evidence-queries.service';
import { summariseOrganisationControlHealth } from '@aigov/persistence/evidence/organisation-control-health';
import { ControlHealthStore, OrganisationControlHealth } from '@aigov/persistence/evidence/control-health-store';
import type { ControlEvidenceQuery } from './evidence.dto';
import type { ApplicabilityView, ControlEvidencePage, ControlHealthReportView, EvidenceItemView, SystemControlsView } from './evidence.view';

const PER_KIND = 20;
/**
 * How long an organisation-wide report waits for the store to catch up (a rebuild after the SoA,
 * the policy or the map changed; many systems changed at once) before it answers with the
 * figures as they stand and says what is pending. Small installations finish well within it.
 */
const CONTROL_HEALTH_WAIT_MS = 2_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function itemView(item: EvidenceItem): EvidenceItemView {
  return { ...item, occurredAt: item.occurredAt ? new Date(item.occurredAt).toISOString() : null };
}

function applicabilityView(applicability: ControlApplicability): ApplicabilityView {
  return { source: applicability.source, ...(applicability.source === 'soa' ? { soaVersion: applicability.version } : {}), note: applicabilityNote(applicability) };
}

/**
 * Evidence for every control, derived from what the engine records, and control health
 * computed from it by the pure function in libs/domain.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly queries: EvidenceQueries,
    private readonly systems: AiSystemsService,
    private readonly applicability: ControlApplicabilityProvider,
    private readonly clock: Clock,
    private readonly store: ControlHealthStore,
    @Inject(EVIDENCE_MAP) private readonly map: EvidenceMap,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
  ) {}

  private title(framework: CatalogFramework, ref: string): string {
    return this.catalog.find(framework, ref)?.title ?? ref;
  }

  /** Every control the evidence map touches, for one system: its status, reasons and evidence. */
  async systemControls(systemId: string, me: UserPrincipal): Promise<SystemControlsView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const now = this.clock.now();
    // Organisation-wide records (users and their roles, management reviews, audits) count towards
    // the status for everyone, but are listed only to those who may read evidence across systems.
    const listed = allows(me, 'evidence.read_all') ? this.map.kinds : this.map.kinds.filter((k) => k.scope === 'ai_system');
    // a few statements whatever the number of kinds: the facts, and the newest items of every kind at once
    const [facts, applicability, byKind, manualOf] = await Promise.all([
      this.queries.healthFacts(now, systemId),
      this.applicability.current(),
      this.queries.newestPerKind(listed.filter((k) => k.kind !== 'manual_evidence').map((k) => k.kind), systemId, PER_KIND),
      // manual evidence names its controls: list, per control, the items naming it
      listed.some((k) => k.kind === 'manual_evidence') ? this.queries.newestManualPerControl(systemId, PER_KIND) : new Map<string, EvidenceItem[]>(),
    ]);
    const evidenceOf = (k: EvidenceKind, key: string) => (k === 'manual_evidence' ? manualOf.get(key) : byKind.get(k)) ?? [];
    const health = computeControlHealth({ now: now.getTime(), map: this.map, applicability, ...facts.systems[0] });
    return {
      aiSystemId: system.id,
      aiSystemName: system.name,
      generatedAt: now.toISOString(),
      evidenceMapRevision: this.map.revision,
      applicability: applicabilityView(applicability),
      controls: health.map((h) => ({
        framework: h.framework,
        ref: h.ref,
        title: this.title(h.framework, h.ref),
        status: h.status,
        reasons: h.reasons,
        kinds: h.kinds,
        evidenceCount: h.evidenceCount,
        latestEvidenceAt: iso(h.latestEvidenceAt),
        evidence: h.kinds.flatMap((k) => evidenceOf(k, `${h.framework} ${h.ref}`)).map(itemView),
      })),
    };
  }

  /** One control's evidence across every system (and the organisation's own), newest first. */
  async controlEvidence(framework: string, ref: string, q: ControlEvidenceQuery): Promise<ControlEvidencePage> {
    if (!(CATALOG_FRAMEWORKS as readonly string[]).includes(framework)) {
      throw notFound(`no catalog '${framework}' (catalogs: ${CATALOG_FRAMEWORKS.join(', ')})`, 'framework');
    }
    const control = this.catalog.find(framework as CatalogFramework, ref);
    if (!control) throw notFound(`no control '${ref}' in ${framework}`, 'ref');
    if (q.aiSystemId) await this.systems.load(q.aiSystemId).catch(() => {
      throw notFound(`AI system ${q.aiSystemId} does not exist`, 'aiSystemId');
    });
    // manual evidence may name any control: its items are narrowed to those naming this one
    const kinds = this.map.kinds
      .filter((k) => k.kind === 'manual_evidence' || k.controls.some((c) => c.framework === control.framework && c.ref === control.ref))
      .map((k) => k.kind);
    const page = await this.queries.items(kinds, {
      aiSystemId: q.aiSystemId,
      control: { framework: control.framework, ref: control.ref },
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    // the manual kind is named only when an item names this control
    const named = kinds.includes('manual_evidence')
      ? (await this.queries.items(['manual_evidence'], { control: { framework: control.framework, ref: control.ref }, limit: 1, offset: 0 })).total > 0
      : false;
    const shown = kinds.filter((k) => k !== 'manual_evidence' || named);
    return { framework: control.framework, ref: control.ref, title: control.title, kinds: shown, items: page.items.map(itemView), page: q.page, pageSize: q.pageSize, total: page.total };
  }

  /**
   * Control health for one system (computed on the spot) or the organisation (the summary the
   * store keeps current; see ControlHealthStore): folded per control.
   */
  async controlHealthReport(aiSystemId?: string): Promise<ControlHealthReportView> {
    if (aiSystemId) await this.systems.load(aiSystemId).catch(() => {
      throw notFound(`AI system ${aiSystemId} does not exist`, 'aiSystemId');
    });
    const now = this.clock.now();
    const report = aiSystemId ? await this.oneSystem(aiSystemId, now) : await this.store.current({ waitMs: CONTROL_HEALTH_WAIT_MS });
    const { systems, summary, applicability, pending } = report;
    const kinds = new Map(controlsOfMap(this.map).map((c) => [`${c.framework} ${c.ref}`, c.kinds.map((k) => k.kind)]));
    const totals: Record<ControlHealthStatus, number> = { effective: 0, attention: 0, no_evidence: 0, not_applicable: 0 };
    for (const row of summary) totals[row.status] += 1;
    return {
      generatedAt: now.toISOString(),
      aiSystemId: aiSystemId ?? null,
      systems,
      evidenceMapRevision: report.evidenceMapRevision,
      applicability: applicabilityView(applicability),
      ...(pending
        ? {
            pending: {
              reason: pending.reason,
              systems: pending.systems,
              asOf: report.asOf.toISOString(),
              ...(pending.startedAt ? { rebuildStartedAt: pending.startedAt.toISOString() } : {}),
            },
          }
        : {}),
      totals,
      controls: summary.map((row) => ({
        ...row,
        title: this.title(row.framework, row.ref),
        kinds: kinds.get(`${row.framework} ${row.ref}`) ?? [],
        latestEvidenceAt: iso(row.latestEvidenceAt),
      })),
    };
  }

  /** One system's control health, computed on the spot. */
  private async oneSystem(aiSystemId: string, now: Date): Promise<OrganisationControlHealth> {
    const applicability = await this.applicability.current();
    const { systems, summary } = await summariseOrganisationControlHealth(this.queries, this.map, applicability, now, aiSystemId);
    return { systems, summary, applicability, evidenceMapRevision: this.map.revision, asOf: now, pending: null };
  }
}

/** The control-health report as CSV: one row per control. */
export function controlHealthCsv(report: ControlHealthReportView): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ['framework', 'ref', 'title', 'status', 'effective', 'attention', 'no_evidence', 'not_applicable', 'evidence_count', 'latest_evidence_at', 'reasons'];
  const rows = report.controls.map((c) => [
    c.framework,
    c.ref,
    c.title,
    c.status,
    c.counts.effective,
    c.counts.attention,
    c.counts.no_evidence,
    c.counts.not_applicable,
    c.evidenceCount,
    c.latestEvidenceAt,
    c.reasons.map((r) => `${r.code} (${r.systems}): ${r.example}`).join('; '),
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
