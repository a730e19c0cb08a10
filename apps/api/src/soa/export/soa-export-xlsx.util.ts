import * as ExcelJS from 'exceljs';
import { SOA_FRAMEWORKS } from '@aigov/domain/soa';
import { applicabilityLabel, IMPLEMENTATION_STATUS_LABELS, personLabel, SOA_FRAMEWORK_LABELS, SoaExportData } from './soa-export.model';

/** The columns of each framework's sheet, with widths that fit their usual content. */
export const SOA_XLSX_COLUMNS = [
  { header: 'Ref', key: 'ref', width: 10 },
  { header: 'Title', key: 'title', width: 42 },
  { header: 'Applicability', key: 'applicability', width: 14 },
  { header: 'Justification', key: 'justification', width: 60 },
  { header: 'Implementation status', key: 'status', width: 22 },
  { header: 'Owner', key: 'owner', width: 24 },
  { header: 'Owner email', key: 'ownerEmail', width: 32 },
  { header: 'Risks treated', key: 'risks', width: 18 },
  { header: 'Evidence', key: 'evidence', width: 48 },
] as const;

const WRAPPED = new Set(['title', 'justification', 'risks', 'evidence']);

/** `ISO-IEC 42001 Annex A` (a sheet name may not hold `/`), with ` DRAFT` for the draft. */
export const xlsxSheetName = (label: string, draft: boolean) => `${label.replace(/\//g, '-')}${draft ? ' DRAFT' : ''}`;

/**
 * The Statement of Applicability as a workbook: one sheet per Annex (header row frozen and
 * filterable, text wrapped where it runs long), then a `Version` sheet with the version, its
 * status, approval date, approvers, catalog editions and the frozen document's SHA-256. Every
 * value is written as a string cell, never a formula, so no cell text is ever evaluated.
 * Timestamps in the file are the version's, so one version always makes the same workbook.
 */
export async function buildSoaXlsx(data: SoaExportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'AI Governance Engine';
  wb.title = `Statement of Applicability version ${data.version}${data.draft ? ' (DRAFT)' : ''}`;
  wb.created = new Date(data.lastModified);
  wb.modified = new Date(data.lastModified);
  const stamp = `Statement of Applicability v${data.version}${data.draft ? ' DRAFT' : ''}${data.sha256 ? ` · SHA-256 ${data.sha256}` : ''}`;

  for (const framework of SOA_FRAMEWORKS) {
    const sheet = wb.addWorksheet(xlsxSheetName(SOA_FRAMEWORK_LABELS[framework], data.draft), {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
      headerFooter: { oddHeader: `&L${escapeHeader(stamp)}`, oddFooter: '&RPage &P of &N' },
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = SOA_XLSX_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5F0' } };
    header.alignment = { vertical: 'middle' };
    for (const row of data.rows.filter((r) => r.framework === framework)) {
      sheet.addRow({
        ref: row.ref,
        title: row.title,
        applicability: applicabilityLabel(row),
        justification: row.justification ?? '',
        status: row.implementationStatus ? IMPLEMENTATION_STATUS_LABELS[row.implementationStatus] : '',
        owner: row.owner?.name ?? '',
        ownerEmail: row.owner?.email ?? '',
        risks: row.riskIds.join('; '),
        evidence: row.evidenceNotes ?? '',
      });
    }
    for (const c of SOA_XLSX_COLUMNS) {
      sheet.getColumn(c.key).alignment = { vertical: 'top', wrapText: WRAPPED.has(c.key) };
    }
    header.alignment = { vertical: 'middle', wrapText: false };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SOA_XLSX_COLUMNS.length } };
  }

  const about = wb.addWorksheet('Version');
  about.columns = [
    { header: 'Field', key: 'field', width: 24 },
    { header: 'Value', key: 'value', width: 80 },
  ];
  about.getRow(1).font = { bold: true };
  about.views = [{ state: 'frozen', ySplit: 1 }];
  const lines: Array<[string, string]> = [
    ['Organisation', data.organisation.name],
    ['Scope', data.organisation.scope],
    ['Document', 'Statement of Applicability (ISO/IEC 42001 6.1.3 d, ISO/IEC 27001 6.1.3 d)'],
    ['Version', String(data.version)],
    ['Status', data.draft ? 'DRAFT (not approved; no frozen document yet)' : data.status],
    ['Approved (published) at', data.publishedAt ?? ''],
    ['Approvers', data.approvers.map(personLabel).join('; ')],
    ['Document SHA-256', data.sha256 ?? ''],
    ['Last modified', data.lastModified],
    ...data.catalogs.map((c): [string, string] => [`Catalog ${c.framework}`, `${c.title}, edition ${c.edition}, catalog revision ${c.revision}`]),
    ['Controls', String(data.rows.length)],
  ];
  for (const [field, value] of lines) about.addRow({ field, value });
  about.getColumn('value').alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `&` starts a header code in a spreadsheet's page header: write it as `&&`. */
const escapeHeader = (text: string) => text.replace(/&/g, '&&');
