import { createServer, Server } from 'node:net';
import { ephemeralPortRange, freeRestartablePort, portIsFree } from './free-port';

describe('ephemeralPortRange', () => {
  it('reads the low and high end the kernel gives outgoing connections', () => {
    expect(ephemeralPortRange(() => '32768\t60999\n')).toEqual([32768, 60999]);
    expect(ephemeralPortRange(() => '40000 50000')).toEqual([40000, 50000]);
  });

  it("falls back to Linux's default when the file is missing or nonsense", () => {
    expect(ephemeralPortRange(() => { throw new Error('ENOENT'); })).toEqual([32768, 60999]);
    expect(ephemeralPortRange(() => 'x y')).toEqual([32768, 60999]);
    expect(ephemeralPortRange(() => '60000 1000')).toEqual([32768, 60999]);
  });
});

describe('freeRestartablePort', () => {
  it('gives a bindable port below the ephemeral range', async () => {
    const [low] = ephemeralPortRange();
    for (let i = 0; i < 5; i++) {
      const port = await freeRestartablePort();
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(low);
      expect(await portIsFree(port)).toBe(true);
    }
  });

  it('skips a port something listens on', async () => {
    const taken = await freeRestartablePort();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(taken, '127.0.0.1', resolve));
    try {
      const [low] = ephemeralPortRange();
      // the first draw lands on the taken port, the second elsewhere
      const draws = [(taken - 10_000) / (low - 10_000), 0.5];
      const port = await freeRestartablePort('127.0.0.1', () => draws.shift() ?? Math.random());
      expect(port).not.toBe(taken);
      expect(port).toBeLessThan(low);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
