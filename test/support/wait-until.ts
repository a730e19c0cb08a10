/** Polls `read` until it yields a value (not undefined or null), or fails after `timeoutMs`. */
export async function waitUntil<T>(read: () => Promise<T | undefined | null>, timeoutMs: number, what = 'the expected state'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
