import { spawn } from 'node:child_process';
import { probeCoreStalls, summariseStalls } from './core-stall-probe';

describe('the core stall probe (how long the machine leaves a busy core without running it)', () => {
  it('summarises the gaps of every core: the longest, how many over 1 and 5 ms, and the share of time stalled', () => {
    expect(summariseStalls([[0.6, 1.5, 7], [2, 0.7]], 1)).toEqual({ cores: 2, seconds: 1, longestMs: 7, over1Ms: 3, over5Ms: 1, stalledShare: 0.0059 });
    expect(summariseStalls([[], []], 5)).toEqual({ cores: 2, seconds: 5, longestMs: 0, over1Ms: 0, over5Ms: 0, stalledShare: 0 });
  });

  it('sees a real stall: the whole process stopped for 150 ms shows on every core it probed', async () => {
    // SIGSTOP and SIGCONT from another process: what a host that takes the virtual cores away does to the probe.
    const stopper = spawn('sh', ['-c', `sleep 0.3; kill -STOP ${process.pid}; sleep 0.15; kill -CONT ${process.pid}`], { stdio: 'ignore' });
    const stopped = new Promise((resolve) => stopper.once('exit', resolve));
    const stalls = await probeCoreStalls(2, 2);
    await stopped;
    expect(stalls.cores).toBe(2);
    expect(stalls.longestMs).toBeGreaterThanOrEqual(140);
    expect(stalls.over5Ms).toBeGreaterThanOrEqual(2);
    expect(stalls.stalledShare).toBeGreaterThan(0.03);
  });
});
