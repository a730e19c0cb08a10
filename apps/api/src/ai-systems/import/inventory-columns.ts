import { AUTONOMY_LEVELS, VENDOR_TYPES } from '@aigov/domain/ai-system-profile';
import type { RegistrationField } from '@aigov/domain/registration-edit-policy';

/** How a cell's text becomes a value. */
export type ColumnKind = 'key' | 'text' | 'email' | 'list' | 'boolean' | 'choice' | 'system_id' | 'informational';

export interface InventoryColumn {
  /** the name problems and the API use: `row 14, accountableOwner: ...` */
  key: string;
  /** the header the export writes (and the template offers) */
  header: string;
  /** other spellings accepted in a file's header row (compared after headerKey) */
  aliases: readonly string[];
  kind: ColumnKind;
  /** the registration field the column sets; absent for the key and the informational columns */
  field?: RegistrationField;
  /** a file without this column is refused */
  required: boolean;
  /** longest text (per item for lists) */
  max?: number;
  /** for choices */
  values?: readonly string[];
  /** what the Columns sheet and the README say about it */
  description: string;
  /** export column width, in characters */
  width: number;
}

const LIST_NOTE = 'one item per line in the cell (or separated by semicolons); at most 50 items of 200 characters';

/**
 * The columns an import reads and the XLSX export writes, in the export's order: first what an
 * import sets, then what the engine keeps (stage, tier, versions, dates), which an import
 * recognises and ignores, so an exported file imports back unchanged. `System ID` is checked:
 * when given, it must be the system the row's external id names.
 */
export const INVENTORY_COLUMNS: readonly InventoryColumn[] = [
  {
    key: 'externalId',
    header: 'External ID',
    aliases: ['externalid', 'extid'],
    kind: 'key',
    required: true,
    max: 200,
    description: 'Your key for the system (CMDB id, spreadsheet id); unique. A row with a known external id updates that system, an unknown one registers a new system.',
    width: 18,
  },
  { key: 'name', header: 'Name', aliases: ['systemname'], kind: 'text', field: 'name', required: true, max: 200, description: 'The name people know the system by.', width: 28 },
  { key: 'purpose', header: 'Purpose', aliases: [], kind: 'text', field: 'purpose', required: true, max: 2000, description: 'What the system is for.', width: 40 },
  { key: 'intendedUse', header: 'Intended use', aliases: [], kind: 'text', field: 'intendedUse', required: true, max: 2000, description: 'Where and how it may be used, and where not.', width: 40 },
  {
    key: 'accountableOwner',
    header: 'Accountable owner email',
    aliases: ['accountableowner', 'owneremail'],
    kind: 'email',
    field: 'accountableOwnerId',
    required: true,
    max: 320,
    description: 'Email of an active user who is accountable for the system.',
    width: 30,
  },
  { key: 'businessUnit', header: 'Business unit', aliases: [], kind: 'text', field: 'businessUnit', required: true, max: 200, description: 'The unit that runs the system.', width: 20 },
  { key: 'dataSources', header: 'Data sources', aliases: [], kind: 'list', field: 'dataSources', required: true, max: 200, description: `Where its data comes from; ${LIST_NOTE}.`, width: 28 },
  { key: 'dataCategories', header: 'Data categories', aliases: [], kind: 'list', field: 'dataCategories', required: true, max: 200, description: `The kinds of data it uses; ${LIST_NOTE}.`, width: 28 },
  { key: 'personalData', header: 'Personal data', aliases: [], kind: 'boolean', field: 'personalData', required: true, description: 'true or false (yes/no, 1/0 also work).', width: 14 },
  {
    key: 'specialCategoryData',
    header: 'Special category data',
    aliases: [],
    kind: 'boolean',
    field: 'specialCategoryData',
    required: true,
    description: 'GDPR Art. 9 special categories (health, biometrics, ...): true or false.',
    width: 14,
  },
  { key: 'modelType', header: 'Model type', aliases: [], kind: 'text', field: 'modelType', required: true, max: 200, description: 'For example: large language model, gradient boosted trees.', width: 24 },
  { key: 'vendorType', header: 'Vendor type', aliases: [], kind: 'choice', field: 'vendorType', required: true, values: VENDOR_TYPES, description: `One of ${VENDOR_TYPES.join(', ')}.`, width: 14 },
  { key: 'vendorName', header: 'Vendor name', aliases: [], kind: 'text', field: 'vendorName', required: false, max: 200, description: 'Required for a third_party system.', width: 20 },
  { key: 'deploymentContext', header: 'Deployment context', aliases: [], kind: 'text', field: 'deploymentContext', required: true, max: 500, description: 'Where it runs and who meets it.', width: 28 },
  {
    key: 'affectedStakeholders',
    header: 'Affected stakeholders',
    aliases: ['stakeholders'],
    kind: 'list',
    field: 'affectedStakeholders',
    required: true,
    max: 200,
    description: `Who is affected by its outputs; ${LIST_NOTE}.`,
    width: 28,
  },
  {
    key: 'autonomyLevel',
    header: 'Autonomy level',
    aliases: ['autonomy'],
    kind: 'choice',
    field: 'autonomyLevel',
    required: true,
    values: AUTONOMY_LEVELS,
    description: `One of ${AUTONOMY_LEVELS.join(', ')}.`,
    width: 20,
  },
  {
    key: 'id',
    header: 'System ID',
    aliases: ['id', 'aisystemid'],
    kind: 'system_id',
    required: false,
    description: 'Written by the export. Leave it empty for a new system; when given it must be the system the external id names.',
    width: 38,
  },
  { key: 'stage', header: 'Stage', aliases: [], kind: 'informational', required: false, description: 'Written by the export; ignored by an import.', width: 16 },
  { key: 'riskTier', header: 'Risk tier', aliases: [], kind: 'informational', required: false, description: 'Written by the export; ignored by an import.', width: 12 },
  { key: 'ownerName', header: 'Owner name', aliases: ['accountableownername'], kind: 'informational', required: false, description: 'Written by the export; ignored by an import.', width: 22 },
  { key: 'currentVersion', header: 'Current version', aliases: [], kind: 'informational', required: false, description: 'Written by the export; ignored by an import.', width: 14 },
  { key: 'lastApprovedVersion', header: 'Last approved version', aliases: [], kind: 'informational', required: false, description: 'Written by the export; ignored by an import.', width: 14 },
  { key: 'stageEnteredAt', header: 'In stage since', aliases: [], kind: 'informational', required: false, description: 'Written by the export (UTC); ignored by an import.', width: 22 },
  { key: 'nextReviewAt', header: 'Next review', aliases: [], kind: 'informational', required: false, description: 'Written by the export (UTC); ignored by an import.', width: 22 },
  { key: 'createdAt', header: 'Registered at', aliases: [], kind: 'informational', required: false, description: 'Written by the export (UTC); ignored by an import.', width: 22 },
  { key: 'updatedAt', header: 'Updated at', aliases: [], kind: 'informational', required: false, description: 'Written by the export (UTC); ignored by an import.', width: 22 },
];

/**
 * How header cells are compared: case, spaces, underscores, hyphens and other punctuation do not
 * matter, so `External ID`, `external_id` and `externalId` are the same column.
 */
export const headerKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const BY_HEADER: ReadonlyMap<string, InventoryColumn> = new Map(
  INVENTORY_COLUMNS.flatMap((c) => [c.key, c.header, ...c.aliases].map((name) => [headerKey(name), c] as const)),
);

export function columnForHeader(text: string): InventoryColumn | undefined {
  return BY_HEADER.get(headerKey(text));
}

/** The columns a file must have. */
export const REQUIRED_COLUMNS = INVENTORY_COLUMNS.filter((c) => c.required);

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
