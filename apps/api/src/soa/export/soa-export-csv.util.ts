import { applicabilityLabel, IMPLEMENTATION_STATUS_LABELS, personLabel, SoaExportData } from './soa-export.model';

/** Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a text a spreadsheet would take for a formula gets a leading quote (so
 * `=HYPERLINK(...)` stays text), then RFC 4180 quoting when it holds a comma, a quote, a line
 * break or edge spaces (quotes doubled).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const SOA_CSV_COLUMNS = [
  'organisation',
  'soa_version',
  'soa_status',
  'approved_at',
  'approvers',
  'document_sha256',
  'framework',
  'ref',
  'title',
  'applicability',
  'justification',
  'implementation_status',
  'owner',
  'owner_email',
  'risks',
  'evidence_notes',
] as const;

/**
 * The Statement of Applicability as one RFC 4180 table (CRLF line ends, a header row): a row per
 * control, each carrying the version, its status (DRAFT for the draft), approval date, approvers
 * and the frozen document's SHA-256, so any row (or a filtered copy) still names what it came from.
 */
export function buildSoaCsv(data: SoaExportData): string {
  const version = `${data.version}${data.draft ? ' DRAFT' : ''}`;
  const approvers = data.approvers.map(personLabel).join('; ');
  const lines = [SOA_CSV_COLUMNS.join(',')];
  for (const row of data.rows) {
    lines.push(
      [
        data.organisation.name,
        version,
        data.draft ? 'DRAFT' : data.status,
        data.publishedAt ?? '',
        approvers,
        data.sha256 ?? '',
        row.framework,
        row.ref,
        row.title,
        applicabilityLabel(row),
        row.justification ?? '',
        row.implementationStatus ? IMPLEMENTATION_STATUS_LABELS[row.implementationStatus] : '',
        row.owner?.name ?? '',
        row.owner?.email ?? '',
        row.riskIds.join('; '),
        row.evidenceNotes ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
