// Where the authorize benchmark's slow requests spent their time (README, "Speed"). Not part of
// the product: loaded with NODE_OPTIONS into every Node process the bench starts, it records
// on one wall clock (ms since the epoch, to the microsecond) what can hold a request up:
//
//   AIGOV_ATTRIBUTION_OUT=/tmp/attr AIGOV_BENCH_TRACE_DIR=/tmp/attr \
//     NODE_OPTIONS="--require ./bench/diagnostics/latency-attribution-preload.js" \
//     node dist/bench/run.js --only authorize
//   node bench/diagnostics/attribute-tail.js /tmp/attr
//
// - every process: its garbage-collection pauses (gc-<role>-<pid>.csv: start, ms, kind);
// - the API: each HTTP request from its arrival to its answer's last byte (api-requests-<pid>.csv);
// - the bench: a thread that sleeps 1 ms at a time and notes when it woke 2 ms or more late
//   (oversleep-<pid>.csv): no core was free for it, because both were busy or the virtual
//   machine's host had taken them; and a thread that notes every process's CPU time every 10 ms
//   (cpu-<pid>.csv), to say who had the cores during a slow episode;
// - the bench itself (AIGOV_BENCH_TRACE_DIR, scenarios/authorize.ts) writes each authorize
//   request's scheduled time and latency.
// Files are appended every second, so a process the bench stops loses at most its last second.
'use strict';

const out = process.env.AIGOV_ATTRIBUTION_OUT;
const script = process.argv[1] || '';
const role = script.includes('apps/api/src/main') ? 'api' : script.includes('apps/worker/src/main') ? 'worker' : script.includes('bench/run') ? 'bench' : null;
const { isMainThread } = require('node:worker_threads');

if (out && role && isMainThread) {
  const fs = require('node:fs');
  const path = require('node:path');
  const { PerformanceObserver, performance, constants } = require('node:perf_hooks');
  fs.mkdirSync(out, { recursive: true });
  const origin = performance.timeOrigin;
  const files = new Map();
  const note = (file, line) => {
    const lines = files.get(file);
    if (lines) lines.push(line);
    else files.set(file, [line]);
  };
  const flush = () => {
    for (const [file, lines] of files) {
      if (lines.length) fs.appendFileSync(path.join(out, file), lines.join('\n') + '\n');
      lines.length = 0;
    }
  };
  setInterval(flush, 1000).unref();
  process.on('exit', flush);

  const kinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'young', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'full', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      note(`gc-${role}-${process.pid}.csv`, `${(origin + entry.startTime).toFixed(3)},${entry.duration.toFixed(3)},${kinds[entry.detail ? entry.detail.kind : entry.kind] || 'other'}`);
    }
  }).observe({ entryTypes: ['gc'] });

  if (role === 'api') {
    const http = require('node:http');
    const emit = http.Server.prototype.emit;
    const file = `api-requests-${process.pid}.csv`;
    http.Server.prototype.emit = function (event, request, response) {
      if (event === 'request') {
        const arrived = performance.now();
        response.once('finish', () => note(file, `${(origin + arrived).toFixed(3)},${(performance.now() - arrived).toFixed(3)},${request.url}`));
      }
      return emit.apply(this, arguments);
    };
  }

  if (role === 'bench') {
    const { Worker } = require('node:worker_threads');
    const file = path.join(out, `oversleep-${process.pid}.csv`);
    const probe = new Worker(
      `const { performance } = require('node:perf_hooks');
       const fs = require('node:fs');
       const cell = new Int32Array(new SharedArrayBuffer(4));
       const origin = performance.timeOrigin;
       let lines = [];
       let flushedAt = performance.now();
       for (;;) {
         const before = performance.now();
         Atomics.wait(cell, 0, 0, 1);
         const after = performance.now();
         if (after - before >= 3) lines.push((origin + before).toFixed(3) + ',' + (after - before - 1).toFixed(3));
         if (after - flushedAt > 1000) {
           if (lines.length) fs.appendFileSync(${JSON.stringify(file)}, lines.join('\\n') + '\\n');
           lines = [];
           flushedAt = after;
         }
       }`,
      { eval: true },
    );
    probe.unref();

    // Who had the cores: every 10 ms, each process's CPU time so far (user + system, all its
    // threads, in 10 ms ticks from /proc/<pid>/stat), written when it grew (cpu-<pid>.csv:
    // time, pid, name, ticks since the last sample). Coarse per sample, but over an episode of a
    // few hundred milliseconds it says which processes ran.
    const cpuFile = path.join(out, `cpu-${process.pid}.csv`);
    const sampler = new Worker(
      `const { performance } = require('node:perf_hooks');
       const fs = require('node:fs');
       const cell = new Int32Array(new SharedArrayBuffer(4));
       const origin = performance.timeOrigin;
       const last = new Map();
       let pids = [];
       let listedAt = -Infinity;
       let lines = [];
       let flushedAt = performance.now();
       for (;;) {
         const now = performance.now();
         if (now - listedAt > 1000) {
           pids = fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d));
           listedAt = now;
         }
         for (const pid of pids) {
           let stat;
           try { stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); } catch { continue; }
           const close = stat.lastIndexOf(')');
           const name = stat.slice(stat.indexOf('(') + 1, close).replace(/[^A-Za-z0-9_.:-]/g, '_');
           const fields = stat.slice(close + 2).split(' ');
           const ticks = Number(fields[11]) + Number(fields[12]);
           const before = last.get(pid);
           last.set(pid, ticks);
           if (before !== undefined && ticks > before) lines.push((origin + now).toFixed(3) + ',' + pid + ',' + name + ',' + (ticks - before));
         }
         if (now - flushedAt > 1000) {
           if (lines.length) fs.appendFileSync(${JSON.stringify(cpuFile)}, lines.join('\\n') + '\\n');
           lines = [];
           flushedAt = now;
         }
         Atomics.wait(cell, 0, 0, 10);
       }`,
      { eval: true },
    );
    sampler.unref();
  }
}
