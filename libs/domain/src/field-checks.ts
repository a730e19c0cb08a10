/**
 * The checks every file the engine loads at start shares (the policy file, the control
 * catalogs, the crosswalk, the evidence map): a refusal names the field path and the reason,
 * and unknown keys are errors, so a typo never silently falls back to a default. Each parser
 * binds them to its own error (which names its file) and its own words.
 */
export type Obj = Record<string, unknown>;

export interface FieldWords {
  /** what a value that should hold named keys must be */
  readonly object: string;
  /** what an unexpected key is */
  readonly unknownKey: string;
}

/** Policy files are YAML: mappings of settings. */
export const POLICY_WORDS: FieldWords = { object: 'must be a mapping', unknownKey: 'is not a known setting' };
/** Data files are JSON: objects of fields. */
export const DATA_FILE_WORDS: FieldWords = { object: 'must be an object', unknownKey: 'is not a known field' };

export function fieldChecks(fail: (field: string, reason: string) => never, words: FieldWords) {
  /** `field.key`, or `key` at the root */
  const at = (field: string, key: string): string => (field ? `${field}.${key}` : key);

  const object = (value: unknown, field: string, allowed: readonly string[]): Obj => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, words.object);
    for (const key of Object.keys(value as Obj)) {
      if (!allowed.includes(key)) fail(at(field, key), `${words.unknownKey} (expected one of: ${allowed.join(', ')})`);
    }
    return value as Obj;
  };

  /** a required, non-empty string of at most `max` characters, trimmed */
  const text = (o: Obj, key: string, field: string, max: number): string => {
    const value = o[key];
    if (value === undefined) fail(at(field, key), 'is required');
    if (typeof value !== 'string' || !value.trim()) fail(at(field, key), 'must be a non-empty string');
    if ((value as string).length > max) fail(at(field, key), `must be at most ${max} characters`);
    return (value as string).trim();
  };

  /** a required list, optionally not empty */
  const list = (o: Obj, key: string, field: string, nonEmpty = false): unknown[] => {
    const value = o[key];
    if (value === undefined) fail(at(field, key), 'is required');
    if (!Array.isArray(value)) fail(at(field, key), 'must be a list');
    if (nonEmpty && (value as unknown[]).length === 0) fail(at(field, key), 'must not be empty');
    return value as unknown[];
  };

  const oneOf = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T => {
    if (!(allowed as readonly unknown[]).includes(value)) fail(field, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
    return value as T;
  };

  return { fail, at, object, text, list, oneOf };
}
