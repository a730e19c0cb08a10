// Garbage-collection diagnostics for the API process under the authorize benchmark (README,
// "Speed"). Not part of the product: loaded with NODE_OPTIONS into every process the bench
// starts, it acts only in the API's (dist/apps/api/src/main.js) and waits for a trigger file, so
// that it measures the load and not the setup:
//
//   AIGOV_GC_DIAG=nvp|survivors AIGOV_GC_DIAG_OUT=/tmp/gc-diag AIGOV_BENCH_KEEP_WORK=1 \
//     NODE_OPTIONS="--require ./bench/diagnostics/api-gc-preload.js" \
//     node dist/bench/run.js --only authorize --authorize-seconds 20
//   # once the bench logs "warm-up", wait a few seconds, then: touch /tmp/gc-diag/trigger
//
// - nvp: V8's --trace-gc-nvp for 5 s (one line per collection: pause, bytes allocated, survived
//   and promoted), written to the API's standard output: api.log in the work directory that the
//   bench names at its end (kept with AIGOV_BENCH_KEEP_WORK=1).
// - survivors: V8's sampling heap profiler for 10 s, keeping the samples of objects that outlived
//   a young collection (those collected later by a full collection too), summed by allocation
//   site (the innermost five frames), into survivors.txt: what the young collections copy.
'use strict';

const mode = process.env.AIGOV_GC_DIAG;
if (mode && process.argv[1] && process.argv[1].includes('apps/api/src/main')) {
  const fs = require('node:fs');
  const path = require('node:path');
  const v8 = require('node:v8');
  const inspector = require('node:inspector');
  const out = process.env.AIGOV_GC_DIAG_OUT || '/tmp/gc-diag';
  const trigger = path.join(out, 'trigger');
  fs.mkdirSync(out, { recursive: true });

  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params || {}, (error, result) => (error ? reject(error) : resolve(result))));

  /** Bytes by allocation site: the innermost five frames, innermost first. */
  const bySite = (profile) => {
    const sites = new Map();
    const walk = (node, stack) => {
      const frame = node.callFrame;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules\//, '').replace(/.*dist\//, '')}:${frame.lineNumber}`;
      const frames = stack.concat(name);
      if (node.selfSize) {
        const site = frames.slice(-5).reverse().join(' < ');
        sites.set(site, (sites.get(site) || 0) + node.selfSize);
      }
      for (const child of node.children) walk(child, frames);
    };
    walk(profile.head, []);
    return sites;
  };

  const survivors = async () => {
    const seconds = 10;
    await post('HeapProfiler.enable');
    // Objects a young collection frees drop out of the samples; those that a full collection frees later stay in.
    await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const sites = bySite((await post('HeapProfiler.getSamplingProfile')).profile);
    await post('HeapProfiler.stopSampling');
    const total = [...sites.values()].reduce((sum, bytes) => sum + bytes, 0);
    const rows = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 70);
    const lines = rows.map(([site, bytes]) => `${(bytes / 1024).toFixed(1).padStart(9)} KiB  ${(100 * bytes / total).toFixed(1).padStart(5)}%  ${site}`);
    fs.writeFileSync(path.join(out, 'survivors.txt'), `objects that outlived a young collection, sampled over ${seconds} s of load: ${(total / 2 ** 20).toFixed(1)} MiB\n${lines.join('\n')}\n`);
  };

  const poll = setInterval(() => {
    if (!fs.existsSync(trigger)) return;
    fs.unlinkSync(trigger);
    clearInterval(poll);
    if (mode === 'nvp') {
      v8.setFlagsFromString('--trace-gc-nvp');
      setTimeout(() => v8.setFlagsFromString('--no-trace-gc-nvp'), 5000).unref();
    } else if (mode === 'survivors') {
      survivors().catch((error) => fs.writeFileSync(path.join(out, 'error.txt'), String(error && error.stack)));
    }
  }, 250);
  poll.unref();
}
