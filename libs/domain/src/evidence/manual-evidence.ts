import { addIsoDuration, isoDurationToApproxMs } from '../iso-duration';

/**
 * Manual evidence: a document or a link someone keeps for controls the engine's own records do
 * not cover (a supplier's certificate, a signed policy, a penetration test report), with an
 * owner and an expiry date. Pure rules: the API hashes and stores, these decide.
 */

/** A document is at most 10 MiB (decoded); larger files belong in a document system, linked. */
export const MANUAL_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export const MANUAL_EVIDENCE_FORMS = ['document', 'link'] as const;
export type ManualEvidenceForm = (typeof MANUAL_EVIDENCE_FORMS)[number];

/** `current` until withdrawn; an expired item stays current but no longer counts as fresh */
export const MANUAL_EVIDENCE_STATUSES = ['current', 'withdrawn'] as const;
export type ManualEvidenceStatus = (typeof MANUAL_EVIDENCE_STATUSES)[number];

/** How an item stands against its expiry date. */
export type ManualEvidenceExpiry = 'valid' | 'expiring' | 'expired';

/** The owner is reminded this long before the item lapses; the governance office is told once it has. */
export const MANUAL_EVIDENCE_REMIND_BEFORE = 'P30D';
/** The furthest an expiry date may lie ahead: evidence is looked at again at least this often. */
export const MANUAL_EVIDENCE_MAX_VALIDITY = 'P5Y';

// one character class, not groups: a 14 MB string must not exhaust the regular expression's stack
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

/** The decoded size of strict base64, without decoding it (a too-large upload is refused before it is). */
export function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** A lower-case hex SHA-256 (what `sha256sum` prints). */
export function isSha256Hex(text: string): boolean {
  return SHA256.test(text);
}

/** `type/subtype` without parameters, lower case (text/plain, application/pdf). */
export function isMediaType(text: string): boolean {
  return MEDIA_TYPE.test(text);
}

/** Why a link is refused, or null: https only, a host, no credentials in it. */
export function linkProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}

/** Why an expiry date is refused, or null: after now, and at most MANUAL_EVIDENCE_MAX_VALIDITY ahead. */
export function expiryProblem(expiresAt: number, now: number): string | null {
  if (!Number.isFinite(expiresAt)) return 'must be an ISO-8601 date-time';
  if (expiresAt <= now) return 'must be in the future';
  if (expiresAt > addIsoDuration(now, MANUAL_EVIDENCE_MAX_VALIDITY)) return `must be within ${MANUAL_EVIDENCE_MAX_VALIDITY} (5 years) from now`;
  return null;
}

/** Where an item stands at `now`: expiring once inside `remindBefore` of its expiry, expired from the expiry on. */
export function manualEvidenceExpiry(expiresAt: number, now: number, remindBefore = MANUAL_EVIDENCE_REMIND_BEFORE): ManualEvidenceExpiry {
  if (now >= expiresAt) return 'expired';
  return now >= expiresAt - isoDurationToApproxMs(remindBefore) ? 'expiring' : 'valid';
}

/** What the daily scan owes an item: nothing, its owner's reminder, or the escalation after it lapsed. */
export type ManualEvidenceNotice = 'remind_owner' | 'escalate';

/**
 * The notice due for a current item at `now`, given what was already sent for this expiry date
 * (`remindedFor` / `escalatedFor` hold the expiry the notice was about, so replacing the item with
 * a new expiry date starts again, and a scan run twice sends once).
 */
export function manualEvidenceNoticeDue(
  item: { status: ManualEvidenceStatus; expiresAt: number; remindedFor: number | null; escalatedFor: number | null },
  now: number,
  remindBefore = MANUAL_EVIDENCE_REMIND_BEFORE,
): ManualEvidenceNotice | null {
  if (item.status !== 'current') return null;
  const state = manualEvidenceExpiry(item.expiresAt, now, remindBefore);
  if (state === 'expired') return item.escalatedFor === item.expiresAt ? null : 'escalate';
  if (state === 'expiring') return item.remindedFor === item.expiresAt ? null : 'remind_owner';
  return null;
}
