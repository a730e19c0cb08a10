import { collectGarbage } from './collect-garbage';

describe("collecting the load generator's garbage before a phase", () => {
  it('frees what nothing refers to any more, without the process being started with --expose-gc', async () => {
    let garbage: object | null = { payload: new Array(1_000).fill('x') };
    const gone = new WeakRef(garbage);
    garbage = null;
    // A WeakRef keeps its target for the rest of the job that made it: collect in a later one.
    await new Promise((resolve) => setImmediate(resolve));
    await collectGarbage();
    await collectGarbage();
    expect(gone.deref()).toBeUndefined();
  });
});
