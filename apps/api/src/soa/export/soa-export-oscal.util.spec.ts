import { oscalErrors, oscalValidator } from '../../../../../test/support/oscal-schema';
import { buildSoaOscal, oscalControlId, uuidV5 } from './soa-export-oscal.util';
import { soaExportFixture } from './soa-export.fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('uuidV5', () => {
  it('matches RFC 4122 name-based UUIDs (the DNS namespace example)', () => {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))"
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  it('is stable and differs by name', () => {
    expect(uuidV5('a')).toBe(uuidV5('a'));
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
    expect(uuidV5('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('buildSoaOscal', () => {
  const validate = oscalValidator('ssp');

  it('is a system security plan the official OSCAL 1.0.4 schema accepts', () => {
    const doc = buildSoaOscal(soaExportFixture());
    expect(validate(doc) ? [] : oscalErrors(validate)).toEqual([]);
    // and the validator is not vacuous: a plan without its control implementation is refused
    const { 'control-implementation': _, ...rest } = (doc as Json)['system-security-plan'];
    expect(validate({ 'system-security-plan': rest })).toBe(false);
  });

  it('carries each control with its applicability, status, justification, owner, risks and evidence', () => {
    const data = soaExportFixture();
    const ssp: Json = buildSoaOscal(data)['system-security-plan'];
    const reqs: Json[] = ssp['control-implementation']['implemented-requirements'];
    expect(reqs.map((r) => r['control-id'])).toEqual(['iso42001-a.2.2', 'iso42001-a.10.4', 'iso27001-a.5.1', 'iso27001-a.8.34']);
    const props = (r: Json) => Object.fromEntries(r.props.filter((p: Json) => p.name !== 'risk-id').map((p: Json) => [p.name, p.value]));
    expect(props(reqs[0])).toEqual({ framework: 'iso42001', 'control-ref': 'A.2.2', 'control-title': 'AI policy', applicability: 'applicable', 'implementation-status': 'implemented' });
    expect(reqs[0].props.filter((p: Json) => p.name === 'risk-id').map((p: Json) => p.value)).toEqual(['R-1', 'R-2']);
    expect(reqs[0]['by-components'][0]).toMatchObject({
      description: 'We develop AI, "in house", too',
      'implementation-status': { state: 'implemented' },
      remarks: 'Evidence: policy v2\non the intranet',
    });
    const owner = ssp.metadata.parties.find((p: Json) => p.name === 'Otto Owner');
    expect(reqs[0]['responsible-roles']).toEqual([{ 'role-id': 'control-owner', 'party-uuids': [owner.uuid] }]);
    expect(reqs[1]['by-components'][0]['implementation-status']).toMatchObject({ state: 'not-applicable' });
    expect(props(reqs[1]).applicability).toBe('excluded');
    expect(reqs[1]['responsible-roles']).toBeUndefined();
  });

  it('names the version, its approvers and its hash, and takes its time from the publication', () => {
    const data = soaExportFixture();
    const ssp: Json = buildSoaOscal(data)['system-security-plan'];
    expect(ssp.metadata).toMatchObject({ 'last-modified': data.publishedAt, published: data.publishedAt, version: '3', 'oscal-version': '1.0.4' });
    const approver = ssp.metadata.parties.find((p: Json) => p.name === 'Ann Approver');
    const organisation = ssp.metadata.parties.find((p: Json) => p.type === 'organization');
    expect(organisation.name).toBe('Acme Health & Care');
    expect(approver['member-of-organizations']).toEqual([organisation.uuid]);
    expect(ssp.metadata['responsible-parties']).toEqual([
      { 'role-id': 'system-owner', 'party-uuids': [organisation.uuid] },
      { 'role-id': 'approver', 'party-uuids': [approver.uuid] },
    ]);
    expect(ssp['system-characteristics']['system-name']).toBe('Acme Health & Care: AI and information security management system');
    expect(ssp['system-characteristics'].description).toContain('Clinical decision-support AI and the information it processes');
    expect(ssp.metadata.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'soa-document-sha256', value: data.sha256 })]));
    const frozen = ssp['back-matter'].resources.find((r: Json) => r.rlinks);
    expect(frozen.rlinks[0]).toEqual({ href: '/api/v1/soa/versions/3', 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: data.sha256 }] });
    expect(ssp['import-profile'].href).toBe(`#${ssp['back-matter'].resources[0].uuid}`);
    expect(ssp['system-characteristics']['date-authorized']).toBe('2026-11-02');
  });

  it('exports the same version as the same document, and a draft as a valid DRAFT without hash', () => {
    expect(JSON.stringify(buildSoaOscal(soaExportFixture()))).toBe(JSON.stringify(buildSoaOscal(soaExportFixture())));
    const data = soaExportFixture({ draft: true, status: 'draft', publishedAt: null, approvers: [], sha256: null, lastModified: '2026-11-05T10:00:00.000Z' });
    data.rows[3] = { ...data.rows[3], decided: false, applicable: null, justification: null, implementationStatus: null, owner: null };
    const doc = buildSoaOscal(data);
    expect(validate(doc) ? [] : oscalErrors(validate)).toEqual([]);
    const ssp: Json = doc['system-security-plan'];
    expect(ssp.metadata).toMatchObject({ version: '3-draft', 'last-modified': '2026-11-05T10:00:00.000Z' });
    expect(ssp.metadata.title).toContain('DRAFT');
    expect(ssp.metadata.published).toBeUndefined();
    expect(JSON.stringify(ssp)).not.toContain('soa-document-sha256');
    expect(ssp['control-implementation']['implemented-requirements'][3]['by-components'][0]['implementation-status']).toBeUndefined();
  });

  it('keeps odd text valid: multi-line risk ids and titles become one-line property values', () => {
    const data = soaExportFixture();
    data.rows[0] = { ...data.rows[0], title: '  Two\nlines ', riskIds: [' R-1\n(old) '] };
    const doc: Json = buildSoaOscal(data);
    expect(validate(doc) ? [] : oscalErrors(validate)).toEqual([]);
    expect(oscalControlId({ framework: 'iso27001', ref: 'A.5.2' })).not.toBe(oscalControlId({ framework: 'iso42001', ref: 'A.5.2' }));
  });
});
