/** A chosen file as the API takes a document: base64 content, its SHA-256 (lower-case hex), media type and name. */
export interface DocumentUpload {
  content: string;
  sha256: string;
  mediaType: string;
  fileName: string;
  size: number;
}

export async function readDocument(file: File): Promise<DocumentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return {
    content: toBase64(bytes),
    sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
    mediaType: file.type || 'application/octet-stream',
    fileName: file.name.replace(/[\\/"\u0000-\u001f]/g, '_'),
    size: bytes.length,
  };
}

/** Base64 in chunks (String.fromCharCode on 10 MiB at once overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `iso27001 A.5.19` or `iso27001:A.5.19` per line (or comma) into control references. */
export function parseControlRefs(text: string): Array<{ framework: string; ref: string }> {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([a-z0-9_]+)[\s:]+(\S+)$/i.exec(line);
      return m ? { framework: m[1]!.toLowerCase(), ref: m[2]! } : { framework: '', ref: line };
    });
}

/** The most a document may be: the API refuses more (400 `content`). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
