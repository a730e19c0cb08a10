/** Timestamps leave the API as ISO-8601 strings; the pg driver hands them over as Date (or string for raw queries). */
export const isoDate = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
