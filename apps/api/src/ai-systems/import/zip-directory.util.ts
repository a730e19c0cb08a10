/** What a ZIP archive's central directory declares, read before anything is inflated. */
export interface ZipDirectory {
  entries: number;
  /** the sum of the entries' declared uncompressed sizes */
  inflatedBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const EOCD_SIZE = 22;
/** the end record may be followed by a comment of up to 65,535 bytes */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;

/** Local file header signature `PK\x03\x04`: how every ZIP (and so every XLSX) starts. */
export const looksLikeZip = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** The OLE2 compound file signature of Excel 97-2003 `.xls` workbooks. */
export const looksLikeLegacyXls = (bytes: Buffer): boolean => bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/**
 * Reads the central directory: how many entries and how many bytes they inflate to, as declared.
 * An XLSX is a ZIP; a small file can declare gigabytes (a "zip bomb"), which the workbook reader
 * would try to hold in memory, so the import refuses on these figures before reading. Null when
 * the bytes are not a readable ZIP, or a ZIP64 archive (which no spreadsheet of importable size
 * needs). The declared sizes are what the reader trusts to size its buffers.
 */
export function readZipDirectory(bytes: Buffer): ZipDirectory | null {
  if (bytes.length < EOCD_SIZE) return null;
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) return null;
  if (offset + size > eocd) return null;
  let inflatedBytes = 0;
  let at = offset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_ENTRY) return null;
    const inflated = bytes.readUInt32LE(at + 24);
    if (inflated === 0xffffffff) return null;
    inflatedBytes += inflated;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { entries, inflatedBytes };
}
