import { MutationObserver, QueryClient } from '@tanstack/query-core';
import { mutateThen } from './mutate-then';

/**
 * Why the system's action forms use mutateThen: a form that unmounts while its write is in
 * flight (the refreshed system no longer offers the action) unsubscribes its observer, and
 * React Query then drops mutate's own onSuccess, so the page never said the write happened.
 */
describe('mutateThen', () => {
  let release: (value: string) => void;
  const client = new QueryClient();
  const tick = () => new Promise((r) => setTimeout(r, 10));
  const observer = () =>
    new MutationObserver<string, Error, string>(client, { mutationFn: (body: string) => new Promise<string>((resolve) => (release = (v) => resolve(`${body}:${v}`))) });

  it("runs its callback after the observer's last subscriber left, where mutate's onSuccess does not", async () => {
    const viaMutate = observer();
    const unsubscribe = viaMutate.subscribe(() => undefined);
    const heardByMutate: string[] = [];
    const sent = viaMutate.mutate('change', { onSuccess: (r) => heardByMutate.push(r) });
    unsubscribe(); // the form unmounted
    await tick();
    release('done');
    await sent;
    await tick();
    expect(heardByMutate).toEqual([]);

    const viaPromise = observer();
    const unsubscribeToo = viaPromise.subscribe(() => undefined);
    const heard: string[] = [];
    mutateThen({ mutateAsync: (v: string) => viaPromise.mutate(v) }, 'change', (r) => heard.push(r));
    unsubscribeToo();
    await tick();
    release('done');
    await tick();
    expect(heard).toEqual(['change:done']);
  });

  it('swallows a refusal, which the mounted form shows from the mutation error', async () => {
    const failing = new MutationObserver<string, Error, string>(client, { mutationFn: async () => Promise.reject(new Error('409 refused')) });
    const heard: string[] = [];
    mutateThen({ mutateAsync: (v: string) => failing.mutate(v) }, 'change', (r) => heard.push(r));
    await tick();
    expect(heard).toEqual([]);
    expect(failing.getCurrentResult().error?.message).toBe('409 refused');
  });
});
