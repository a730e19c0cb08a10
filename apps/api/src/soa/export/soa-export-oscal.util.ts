import { createHash } from 'node:crypto';
import { SOA_FRAMEWORKS } from '@aigov/domain/soa';
import type { ImplementationStatus } from '@aigov/domain/soa';
import { applicabilityLabel, IMPLEMENTATION_STATUS_LABELS, SOA_FRAMEWORK_LABELS, SoaExportData, SoaExportPerson, SoaExportRow } from './soa-export.model';

export const OSCAL_VERSION = '1.0.4';

/** Our namespace for OSCAL properties OSCAL itself does not define (`ns` on every prop we add). */
export const SOA_OSCAL_NS = 'urn:aigov:oscal:soa';

/** The UUIDv5 namespace every identifier in our OSCAL documents is derived in (fixed, never change it). */
const UUID_NAMESPACE = '6f1e4c2a-9d3b-5e7f-8a1c-2b4d6e8f0a13';

/**
 * A name-based (version 5, SHA-1) UUID per RFC 4122 4.3: the same name always gives the same
 * UUID, so exporting the same version twice gives the same document.
 */
export function uuidV5(name: string, namespace: string = UUID_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `iso42001-a.6.2.6`: a control id unique across both Annexes (A.5.2 is in both), as an OSCAL token. */
export const oscalControlId = (row: Pick<SoaExportRow, 'framework' | 'ref'>) => `${row.framework}-${row.ref.toLowerCase()}`;

/**
 * OSCAL implementation states: ours map to the nearest; `not_started` (applicable, nothing done
 * yet) is `planned`, and our exact status is kept in the `implementation-status` property.
 */
const OSCAL_STATE: Readonly<Record<ImplementationStatus, string>> = {
  not_started: 'planned',
  planned: 'planned',
  partial: 'partial',
  implemented: 'implemented',
};

/** A property value OSCAL accepts: one line, no edge whitespace (`^\S(.*\S)?$`). */
const propValue = (text: string) => text.replace(/\s+/g, ' ').trim() || '-';
const prop = (name: string, value: string, extra: { class?: string } = {}) => ({ name, ns: SOA_OSCAL_NS, value: propValue(value), ...extra });
/** OSCAL's `^\S(.*\S)?$` strings (titles, states) */
const line = (text: string) => propValue(text);

const NOT_CATEGORIZED = 'not-categorized';

/**
 * The Statement of Applicability as an OSCAL 1.0.4 System Security Plan. The SSP's
 * control-implementation is what an SoA is: for each control of the imported baseline (here
 * every Annex A control of both standards), whether and how it is implemented and by whom.
 * Each control is an implemented-requirement carrying its framework, ref, our title, applicability,
 * exact implementation status and risks as properties, its owner as a responsible role, and one
 * by-component statement for the management system with the justification as description, the
 * OSCAL implementation state and the evidence as remarks; an excluded control is `not-applicable`.
 * The approvers are the metadata's `approver` responsible party; the frozen document is a
 * back-matter resource whose link carries its SHA-256. Timestamps are the version's
 * (`last-modified` is its publication), and every UUID is derived (UUIDv5) from what it names,
 * so one version always exports the same document.
 */
export function buildSoaOscal(data: SoaExportData): Record<string, unknown> {
  const componentUuid = uuidV5('component:this-system');
  const profileUuid = uuidV5('resource:profile:annex-a-iso42001-iso27001');
  const frozenUuid = uuidV5(`resource:frozen-document:${data.versionId}`);
  const partyUuid = (p: SoaExportPerson) => uuidV5(`party:user:${p.id}`);
  const title = `Statement of Applicability version ${data.version}${data.draft ? ' (DRAFT)' : ''}: ISO/IEC 42001 and ISO/IEC 27001 Annex A`;

  const people = new Map<string, SoaExportPerson>();
  for (const p of data.approvers) people.set(p.id, p);
  for (const r of data.rows) if (r.owner) people.set(r.owner.id, r.owner);
  const organisationUuid = uuidV5('party:organisation');
  // the organisation first (it owns the management system), then its people
  const parties = [
    { uuid: organisationUuid, type: 'organization', name: line(data.organisation.name) },
    ...[...people.values()]
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((p) => ({ uuid: partyUuid(p), type: 'person', name: line(p.name), 'email-addresses': [p.email], 'member-of-organizations': [organisationUuid] })),
  ];

  const metadataProps = [
    prop('soa-version', String(data.version)),
    prop('soa-status', data.draft ? 'draft' : data.status),
    ...(data.sha256 ? [prop('soa-document-sha256', data.sha256, { class: 'sha-256' })] : []),
    ...(data.publishedAt ? [prop('approved-at', data.publishedAt)] : []),
    ...data.catalogs.map((c) => prop('catalog', `${c.framework} edition ${c.edition} revision ${c.revision}`, { class: c.framework })),
  ];

  const implementedRequirements = data.rows.map((row) => implementedRequirement(row, componentUuid, partyUuid));

  const resources: Array<Record<string, unknown>> = [
    {
      uuid: profileUuid,
      title: 'Baseline: every Annex A control of ISO/IEC 42001 and ISO/IEC 27001',
      description:
        'The controls the Statement of Applicability decides, named by framework and ref (control-id `iso42001-a.6.2.6`, `iso27001-a.5.1`). ' +
        'No OSCAL catalog of the ISO standards is published; the titles are our own wording, not the standards’ text.',
      props: data.catalogs.map((c) => prop('catalog', `${c.title}, edition ${c.edition}, catalog revision ${c.revision}`, { class: c.framework })),
    },
  ];
  if (data.sha256) {
    resources.push({
      uuid: frozenUuid,
      title: `Frozen Statement of Applicability version ${data.version} (canonical JSON)`,
      description: 'The approved document this plan is made from; its SHA-256 is over the canonical JSON (keys sorted, no whitespace).',
      rlinks: [{ href: `/api/v1/soa/versions/${data.version}`, 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: data.sha256 }] }],
    });
  }

  return {
    'system-security-plan': {
      uuid: uuidV5(`ssp:${data.versionId}:${data.draft ? `draft:${data.lastModified}` : 'published'}`),
      metadata: {
        title,
        ...(data.publishedAt ? { published: data.publishedAt } : {}),
        'last-modified': data.lastModified,
        version: data.draft ? `${data.version}-draft` : String(data.version),
        'oscal-version': OSCAL_VERSION,
        props: metadataProps,
        roles: [
          { id: 'approver', title: 'Approver of the Statement of Applicability' },
          { id: 'control-owner', title: 'Control owner' },
          { id: 'system-owner', title: 'Owner of the management system' },
        ],
        parties,
        'responsible-parties': [
          { 'role-id': 'system-owner', 'party-uuids': [organisationUuid] },
          ...(data.approvers.length ? [{ 'role-id': 'approver', 'party-uuids': data.approvers.map(partyUuid) }] : []),
        ],
        remarks: data.draft
          ? `DRAFT: version ${data.version} is not approved and not frozen; it has no hash and may still change.`
          : `Approved and published ${data.publishedAt}; the SHA-256 of its frozen document is ${data.sha256}.`,
      },
      'import-profile': { href: `#${profileUuid}` },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: uuidV5('system:management-system-scope') }],
        'system-name': line(`${data.organisation.name}: AI and information security management system`),
        description: `${data.organisation.scope} This Statement of Applicability decides every Annex A control for that scope.`,
        ...(data.publishedAt ? { 'date-authorized': data.publishedAt.slice(0, 10) } : {}),
        'security-sensitivity-level': NOT_CATEGORIZED,
        'system-information': {
          'information-types': [
            {
              uuid: uuidV5('information-type:management-system-records'),
              title: 'Records of the management systems',
              description: 'The AI systems, their assessments, approvals, risks, controls and evidence that the management systems keep.',
              'confidentiality-impact': { base: NOT_CATEGORIZED },
              'integrity-impact': { base: NOT_CATEGORIZED },
              'availability-impact': { base: NOT_CATEGORIZED },
            },
          ],
        },
        'security-impact-level': {
          'security-objective-confidentiality': NOT_CATEGORIZED,
          'security-objective-integrity': NOT_CATEGORIZED,
          'security-objective-availability': NOT_CATEGORIZED,
        },
        status: { state: 'operational' },
        'authorization-boundary': { description: 'The scope of the management systems as this Statement of Applicability states it.' },
        remarks: 'ISO/IEC 27001 and ISO/IEC 42001 do not categorise systems by FIPS 199 impact levels; the required levels are `not-categorized`.',
      },
      'system-implementation': {
        users: [{ uuid: uuidV5('user:governance-office'), title: 'Governance office', description: 'Edits the Statement of Applicability and submits it for approval.' }],
        components: [
          {
            uuid: componentUuid,
            type: 'this-system',
            title: 'AI and information security management system',
            description: 'The management system as a whole: every control of the Statement of Applicability is implemented (or excluded) by it.',
            status: { state: 'operational' },
          },
        ],
      },
      'control-implementation': {
        description:
          `How each Annex A control of ${SOA_FRAMEWORKS.map((f) => SOA_FRAMEWORK_LABELS[f]).join(' and ')} applies: ` +
          'included or excluded with its justification, its implementation status, owner, the risks it treats and its evidence.',
        'implemented-requirements': implementedRequirements,
      },
      'back-matter': { resources },
    },
  };
}

function implementedRequirement(row: SoaExportRow, componentUuid: string, partyUuid: (p: SoaExportPerson) => string): Record<string, unknown> {
  const key = `${row.framework}:${row.ref}`;
  const status = row.implementationStatus;
  const byComponent: Record<string, unknown> = {
    'component-uuid': componentUuid,
    uuid: uuidV5(`by-component:${key}`),
    description: row.justification ?? 'Not decided yet in this draft.',
  };
  if (row.decided && status) {
    byComponent['implementation-status'] = row.applicable
      ? { state: OSCAL_STATE[status], ...(status === 'not_started' ? { remarks: 'Applicable; implementation not started yet.' } : {}) }
      : { state: 'not-applicable', remarks: 'Excluded by the Statement of Applicability.' };
  }
  if (row.evidenceNotes) byComponent.remarks = `Evidence: ${row.evidenceNotes}`;
  return {
    uuid: uuidV5(`implemented-requirement:${key}`),
    'control-id': oscalControlId(row),
    props: [
      prop('framework', row.framework),
      prop('control-ref', row.ref),
      prop('control-title', row.title),
      prop('applicability', applicabilityLabel(row)),
      ...(status ? [prop('implementation-status', status, { class: IMPLEMENTATION_STATUS_LABELS[status].replace(/ /g, '-') })] : []),
      ...row.riskIds.map((r) => prop('risk-id', r)),
    ],
    ...(row.owner ? { 'responsible-roles': [{ 'role-id': 'control-owner', 'party-uuids': [partyUuid(row.owner)] }] } : {}),
    'by-components': [byComponent],
  };
}
