/** How big a parsed request body's structure may be (AppConfig.requestBodyBounds). */
export interface BodyBounds {
  /** nesting of objects and arrays; the body itself is level 1 */
  maxDepth: number;
  /** object keys plus array elements in the whole body */
  maxEntries: number;
  /** keys of any one object */
  maxObjectKeys: number;
  /** elements of any one array */
  maxArrayLength: number;
}

/**
 * Walks a parsed JSON (or form) body without recursion and names the first bound it exceeds,
 * or returns null. It runs before class-transformer and class-validator, which recurse (a body
 * nested 5,000 deep overflowed the stack: 500) and spend time on every key (50,000 unknown keys
 * held the event loop for 3.6 s before their 400). It stops at the first excess, so a hostile
 * body costs at most the bounds' worth of steps beyond what the parser already spent.
 */
export function bodyBoundsViolation(body: unknown, bounds: BodyBounds): string | null {
  if (body === null || typeof body !== 'object') return null;
  const values: object[] = [body];
  const depths: number[] = [1];
  let entries = 0;
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > bounds.maxDepth) return `the request body is nested more than ${bounds.maxDepth} levels deep`;
    if (Array.isArray(value)) {
      if (value.length > bounds.maxArrayLength) return `an array in the request body has more than ${bounds.maxArrayLength} elements`;
      entries += value.length;
      if (entries > bounds.maxEntries) return `the request body has more than ${bounds.maxEntries} keys and array elements`;
      for (const item of value) {
        if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    let keys = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      keys += 1;
      if (keys > bounds.maxObjectKeys) return `an object in the request body has more than ${bounds.maxObjectKeys} keys`;
      entries += 1;
      if (entries > bounds.maxEntries) return `the request body has more than ${bounds.maxEntries} keys and array elements`;
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * The same bounds over JSON text, before JSON.parse builds anything: parsing 50,000 keys alone
 * costs tens of milliseconds (hundreds on a busy machine), while this scan stops at the first
 * excess, a few kilobytes in. It tracks only nesting, object keys (a colon outside strings) and
 * array elements (a value starting where one may), skipping strings with indexOf; it does not
 * validate: malformed text is left to JSON.parse, which refuses it.
 */
export function jsonTextBoundsViolation(text: string, bounds: BodyBounds): string | null {
  // per open container: true for an array; its count of keys or elements; whether an array awaits a value
  const isArray: boolean[] = [];
  const counts: number[] = [];
  let awaitingValue = false;
  let entries = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    const top = isArray.length - 1;
    if (top >= 0 && isArray[top] && awaitingValue && c !== CLOSE_ARRAY) {
      awaitingValue = false;
      counts[top] += 1;
      if (counts[top] > bounds.maxArrayLength) return `an array in the request body has more than ${bounds.maxArrayLength} elements`;
      entries += 1;
      if (entries > bounds.maxEntries) return `the request body has more than ${bounds.maxEntries} keys and array elements`;
    }
    switch (c) {
      case QUOTE: {
        // to the closing quote: one not preceded by an odd number of backslashes
        let end = i;
        for (;;) {
          end = text.indexOf('"', end + 1);
          if (end < 0) return null; // unterminated: JSON.parse refuses it
          let slashes = 0;
          while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes += 1;
          if (slashes % 2 === 0) break;
        }
        i = end;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        isArray.push(c === OPEN_ARRAY);
        counts.push(0);
        if (isArray.length > bounds.maxDepth) return `the request body is nested more than ${bounds.maxDepth} levels deep`;
        awaitingValue = c === OPEN_ARRAY;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        isArray.pop();
        counts.pop();
        awaitingValue = false;
        break;
      case COMMA:
        awaitingValue = top >= 0 && isArray[top];
        break;
      case COLON:
        if (top >= 0 && !isArray[top]) {
          counts[top] += 1;
          if (counts[top] > bounds.maxObjectKeys) return `an object in the request body has more than ${bounds.maxObjectKeys} keys`;
          entries += 1;
          if (entries > bounds.maxEntries) return `the request body has more than ${bounds.maxEntries} keys and array elements`;
        }
        break;
    }
  }
  return null;
}

/** A form body's key count, before it is parsed (a form is one flat object). */
export function formTextBoundsViolation(text: string, bounds: BodyBounds): string | null {
  const limit = Math.min(bounds.maxObjectKeys, bounds.maxEntries);
  let keys = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    if (end > start) {
      keys += 1;
      if (keys > limit) return `the request body has more than ${limit} form fields`;
    }
    start = end + 1;
  }
  return null;
}
