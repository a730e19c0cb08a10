import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import type { CatalogControl } from '@aigov/domain/catalog/control-catalog.types';
import { diffSoaEntries, SOA_FRAMEWORKS, SoaEntry, soaEntryProblem, SoaFramework } from '@aigov/domain/soa';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { SoaEntryEntity, SoaVersionEntity } from '@aigov/persistence/entities';
import { loadSoaEntries } from '@aigov/persistence/soa-document';
import { SOA_AUDIT_STREAM, SoaPublicationInput, soaPublicationWorkflowId } from '@aigov/workflows/soa-publication.contracts';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import { isoDate as iso } from '../common/iso-date';
import { requireActiveUser } from '../common/request-checks';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import type { ListSoaQuery, UpdateSoaEntryDto } from './soa.dto';
import type { SoaDiffView, SoaDraftView, SoaEntryView, SoaPublicationView, SoaVersionListView, SoaVersionSummaryView, SoaVersionView } from './soa.view';

/** Registered workflow type (a string, so the API never loads workflow code). */
const SOA_PUBLICATION_WORKFLOW_TYPE = 'soaPublication';

/** Every write to the SoA takes this lock first, so one draft exists and edits never race a submission. */
const SOA_LOCK = "SELECT pg_advisory_xact_lock(hashtext('aigov:soa'))";

/**
 * The Statement of Applicability: one for the organisation's scope, an entry per control of
 * both Annexes. Edits make (or change) the one draft; a submission freezes it for its approval
 * round (the `soaPublication` workflow), which publishes it or hands it back. Refusals are
 * decided before anything is written.
 */
@Injectable()
export class SoaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: LifecycleGateway,
    private readonly clock: Clock,
    @Inject(CONTROL_CATALOG) private readonly catalog: ControlCatalogIndex,
  ) {}

  /** The controls an SoA lists: both Annexes, in catalog order. */
  private controls(framework?: SoaFramework): CatalogControl[] {
    return (framework ? [framework] : SOA_FRAMEWORKS).flatMap((f) => this.catalog.library.catalogs[f].controls);
  }

  async draft(q: ListSoaQuery, me: UserPrincipal): Promise<SoaDraftView> {
    requireAllowed(me, 'soa.read');
    const m = this.dataSource.manager;
    const [open, current] = await Promise.all([this.openVersion(m), this.currentVersion(m)]);
    // Before anyone edits, the draft is what is published now (or nothing yet): reading never creates it.
    const source = open ?? current;
    const entries = source ? await loadSoaEntries(m, source.id) : [];
    const byKey = new Map(entries.map((e) => [`${e.framework} ${e.ref}`, e]));
    const all = this.controls(q.framework as SoaFramework | undefined).map((c) => toEntryView(c, byKey.get(`${c.framework} ${c.ref}`)));
    const filtered = q.undecided === undefined ? all : all.filter((e) => e.decided === (q.undecided === 'false'));
    const start = (q.page - 1) * q.pageSize;
    const undecided = this.controls().filter((c) => !byKey.has(`${c.framework} ${c.ref}`)).length;
    const draft: SoaVersionSummaryView = open
      ? toSummary(open)
      : { id: null, version: (current?.version ?? 0) + 1, status: 'draft', approvalRound: 0, editorIds: [], lastOutcome: null, sha256: null, submittedAt: null, publishedAt: null };
    return { draft, currentVersion: current?.version ?? null, undecided, items: filtered.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, total: filtered.length };
  }

  async updateEntry(framework: string, ref: string, dto: UpdateSoaEntryDto, me: UserPrincipal): Promise<SoaEntryView> {
    requireAllowed(me, 'soa.edit');
    const control = this.control(framework, ref);
    const problem = soaEntryProblem(dto);
    if (problem) throw badRequest(problem.reason, problem.field);
    const fields = {
      applicable: dto.applicable,
      justification: dto.justification.trim(),
      implementationStatus: dto.implementationStatus,
      ownerId: dto.ownerId ?? null,
      riskIds: [...new Set((dto.riskIds ?? []).map((r) => r.trim()))],
      evidenceNotes: dto.evidenceNotes?.trim() || null,
    };
    return this.dataSource.transaction(async (m) => {
      if (fields.ownerId) await requireActiveUser(m, fields.ownerId, 'ownerId');
      await m.query(SOA_LOCK);
      let open = await this.openVersion(m);
      if (open?.status === 'in_approval') {
        throw conflict(`Statement of Applicability version ${open.version} is in its publication round; edit it once the round has ended`);
      }
      const key = { framework: control.framework as SoaFramework, ref: control.ref };
      const existing = open ? await m.findOne(SoaEntryEntity, { where: { versionId: open.id, ...key } }) : null;
      if (open && existing && sameEntry(existing, fields)) return toEntryView(control, existing); // nothing changed: nothing written
      const now = this.clock.now();
      if (!open) open = await this.startDraft(m, now);
      await m.query(
        `INSERT INTO soa_entries (version_id, framework, ref, applicable, justification, implementation_status, owner_id, risk_ids, evidence_notes, updated_by_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (version_id, framework, ref) DO UPDATE SET applicable = $4, justification = $5, implementation_status = $6, owner_id = $7,
           risk_ids = $8, evidence_notes = $9, updated_by_id = $10, updated_at = $11`,
        [open.id, key.framework, key.ref, fields.applicable, fields.justification, fields.implementationStatus, fields.ownerId, JSON.stringify(fields.riskIds), fields.evidenceNotes, me.id, now],
      );
      const editors = open.editorIds.includes(me.id) ? open.editorIds : [...open.editorIds, me.id];
      await m.update(SoaVersionEntity, { id: open.id }, { editorIds: editors, updatedAt: now });
      await appendNextAuditEvent(m, {
        streamId: SOA_AUDIT_STREAM,
        eventType: 'soa.entry_updated',
        actorId: me.id,
        actorLabel: me.email,
        payload: { versionId: open.id, version: open.version, ...key, ...fields },
        occurredAt: now,
      });
      return toEntryView(control, { ...key, ...fields });
    });
  }

  async publish(me: UserPrincipal): Promise<SoaPublicationView> {
    requireAllowed(me, 'soa.publish');
    const submissionKey = idempotentId('soa-publication') ?? null;
    return this.dataSource.transaction(async (m) => {
      await m.query(SOA_LOCK);
      const open = await this.openVersion(m);
      if (submissionKey) {
        // A resent submission (same Idempotency-Key) answers like the first did.
        const earlier = await m.findOne(SoaVersionEntity, { where: { submissionKey } });
        if (earlier) return { version: earlier.version, round: earlier.approvalRound, status: earlier.status, workflowId: earlier.workflowId! };
      }
      if (!open) throw conflict('there is no draft to publish: edit an entry of the Statement of Applicability first');
      if (open.status === 'in_approval') throw conflict(`Statement of Applicability version ${open.version} is already in its publication round (round ${open.approvalRound})`);
      const decided = new Set((await loadSoaEntries(m, open.id)).map((e) => `${e.framework} ${e.ref}`));
      const missing = this.controls().filter((c) => !decided.has(`${c.framework} ${c.ref}`));
      if (missing.length) {
        const first = missing[0];
        throw badRequest(
          `${missing.length} control(s) have no decision yet (applicable or excluded, with a justification), the first being ${first.framework} ${first.ref}`,
          'entries',
        );
      }
      const now = this.clock.now();
      const round = open.approvalRound + 1;
      const workflowId = soaPublicationWorkflowId(open.version, round);
      await m.update(SoaVersionEntity, { id: open.id }, { status: 'in_approval', approvalRound: round, workflowId, submittedById: me.id, submittedAt: now, submissionKey, updatedAt: now });
      await appendNextAuditEvent(m, {
        streamId: SOA_AUDIT_STREAM,
        eventType: 'soa.submitted',
        actorId: me.id,
        actorLabel: me.email,
        payload: { versionId: open.id, version: open.version, round, editors: open.editorIds, workflowId },
        occurredAt: now,
      });
      const input: SoaPublicationInput = { versionId: open.id, version: open.version, round, submittedById: me.id, editorIds: open.editorIds };
      // Started before the commit: if Temporal refuses, nothing above is kept. The workflow's
      // first step (the round) only reads what this transaction wrote once it has committed.
      await this.temporal.startWorkflow(SOA_PUBLICATION_WORKFLOW_TYPE, workflowId, [input]);
      return { version: open.version, round, status: 'in_approval', workflowId };
    });
  }

  async versions(me: UserPrincipal): Promise<SoaVersionListView> {
    requireAllowed(me, 'soa.read');
    const rows = await this.dataSource.getRepository(SoaVersionEntity).find({ order: { version: 'DESC' } });
    return { items: rows.map(toSummary) };
  }

  async version(raw: string, me: UserPrincipal): Promise<SoaVersionView> {
    requireAllowed(me, 'soa.read');
    const v = await this.findVersion(this.dataSource.manager, raw, 'version');
    const entries = await loadSoaEntries(this.dataSource.manager, v.id);
    return { ...toSummary(v), entries: entries.map((e) => toEntryView(this.catalog.find(e.framework, e.ref), e)), document: v.document };
  }

  async diff(rawA: string, rawB: string, me: UserPrincipal): Promise<SoaDiffView> {
    requireAllowed(me, 'soa.read');
    const m = this.dataSource.manager;
    const a = await this.findVersion(m, rawA, 'a');
    const b = await this.findVersion(m, rawB, 'b');
    const diff = diffSoaEntries(await loadSoaEntries(m, a.id), await loadSoaEntries(m, b.id));
    const view = (e: SoaEntry) => toEntryView(this.catalog.find(e.framework, e.ref), e);
    return { from: a.version, to: b.version, added: diff.added.map(view), removed: diff.removed.map(view), changed: diff.changed };
  }

  private control(framework: string, ref: string): CatalogControl {
    if (!(SOA_FRAMEWORKS as readonly string[]).includes(framework)) {
      throw notFound(`the Statement of Applicability lists ${SOA_FRAMEWORKS.join(' and ')} controls; no framework '${framework}'`, 'framework');
    }
    const control = this.catalog.find(framework as SoaFramework, ref);
    if (!control) throw notFound(`no control '${ref}' in ${framework}`, 'ref');
    return control;
  }

  private async findVersion(m: EntityManager, raw: string, field: string): Promise<SoaVersionEntity> {
    if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw badRequest('a version is a positive whole number', field);
    const v = await m.findOne(SoaVersionEntity, { where: { version: Number(raw) } });
    if (!v) throw notFound(`no Statement of Applicability version ${raw}`, field);
    return v;
  }

  private openVersion(m: EntityManager): Promise<SoaVersionEntity | null> {
    return m.findOne(SoaVersionEntity, { where: { isOpen: true } });
  }

  private currentVersion(m: EntityManager): Promise<SoaVersionEntity | null> {
    return m.findOne(SoaVersionEntity, { where: { status: 'published' } });
  }

  /** The next version's draft, starting from the current version's entries. */
  private async startDraft(m: EntityManager, now: Date): Promise<SoaVersionEntity> {
    const [{ max }] = await m.query('SELECT coalesce(max(version), 0)::int AS max FROM soa_versions');
    const current = await this.currentVersion(m);
    const draft = m.create(SoaVersionEntity, {
      id: randomUUID(),
      version: max + 1,
      status: 'draft',
      isOpen: true,
      editorIds: [],
      approvalRound: 0,
      workflowId: null,
      submissionKey: null,
      submittedById: null,
      submittedAt: null,
      lastOutcome: null,
      document: null,
      sha256: null,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await m.save(draft);
    if (current) {
      await m.query(
        `INSERT INTO soa_entries (version_id, framework, ref, applicable, justification, implementation_status, owner_id, risk_ids, evidence_notes, updated_by_id, updated_at)
         SELECT $1, framework, ref, applicable, justification, implementation_status, owner_id, risk_ids, evidence_notes, updated_by_id, updated_at
           FROM soa_entries WHERE version_id = $2`,
        [draft.id, current.id],
      );
    }
    return draft;
  }
}

function sameEntry(e: SoaEntryEntity, f: Omit<SoaEntry, 'framework' | 'ref'>): boolean {
  return (
    e.applicable === f.applicable &&
    e.justification === f.justification &&
    e.implementationStatus === f.implementationStatus &&
    (e.ownerId ?? null) === f.ownerId &&
    JSON.stringify(e.riskIds ?? []) === JSON.stringify(f.riskIds) &&
    (e.evidenceNotes ?? null) === f.evidenceNotes
  );
}

function toEntryView(control: CatalogControl | undefined, e: Omit<SoaEntry, 'framework' | 'ref'> & { framework?: string; ref?: string } | undefined): SoaEntryView {
  return {
    framework: control?.framework ?? e?.framework ?? '',
    ref: control?.ref ?? e?.ref ?? '',
    title: control?.title ?? e?.ref ?? '',
    decided: !!e,
    applicable: e?.applicable ?? null,
    justification: e?.justification ?? null,
    implementationStatus: e?.implementationStatus ?? null,
    ownerId: e?.ownerId ?? null,
    riskIds: e?.riskIds ?? [],
    evidenceNotes: e?.evidenceNotes ?? null,
  };
}

function toSummary(v: SoaVersionEntity): SoaVersionSummaryView {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    approvalRound: v.approvalRound,
    editorIds: v.editorIds,
    lastOutcome: v.lastOutcome,
    sha256: v.sha256,
    submittedAt: iso(v.submittedAt),
    publishedAt: iso(v.publishedAt),
  };
}
