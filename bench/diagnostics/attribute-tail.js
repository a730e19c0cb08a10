// Reads what latency-attribution-preload.js and the bench recorded in one authorize run and says
// where the slow requests' time went:
//
//   node bench/diagnostics/attribute-tail.js /tmp/attr [slow-ms, default 5]
//
// Each authorize request of the measured phase is matched, by order, to the API's record of it
// (requests are sent 1 ms apart on kept-alive connections, so they arrive in the order sent;
// the match is checked by how far apart the two clocks put them), and its latency is cut in three:
// - before the API: from the time it was due to the API's 'request' event (the generator late,
//   the request waiting for the API's event loop, which parses it);
// - in the API: from that event to the answer's last byte written (the handler, PostgreSQL);
// - after the API: until the generator had read the answer.
// Then what overlapped each slow request: a garbage-collection pause in the API, in the bench
// (the load generator) or in the worker, and the probe thread waking late (no core free).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const slowMs = Number(process.argv[3] || 5);
if (!dir) {
  console.error('usage: node bench/diagnostics/attribute-tail.js <dir> [slow-ms]');
  process.exit(2);
}

const rows = (file) =>
  fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(','));
const filesLike = (prefix) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.csv'));
const pct = (values, q) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

const requests = rows('authorize-requests.csv').map(([due, ms]) => ({ due: Number(due), ms: Number(ms) }));
const phaseStart = requests[0].due;
const phaseEnd = Math.max(...requests.map((r) => r.due + r.ms));
const inPhase = (start, ms) => start + ms >= phaseStart - 50 && start <= phaseEnd + 50;

const intervals = (prefix, map) =>
  filesLike(prefix)
    .flatMap((f) => rows(f).map(map))
    .filter((i) => inPhase(i.start, i.ms))
    .sort((a, b) => a.start - b.start);
const gc = (role) => intervals(`gc-${role}-`, ([start, ms, kind]) => ({ start: Number(start), ms: Number(ms), kind }));
const gcs = { api: gc('api'), bench: gc('bench'), worker: gc('worker') };
const oversleeps = intervals('oversleep-', ([start, late]) => ({ start: Number(start) + 1, ms: Number(late) }));

// The API's authorize requests of the phase, in the order they arrived.
const apiRecords = filesLike('api-requests-')
  .flatMap((f) => rows(f))
  .filter(([, , url]) => url === '/api/v1/authorize')
  .map(([arrived, ms]) => ({ arrived: Number(arrived), ms: Number(ms) }))
  .sort((a, b) => a.arrived - b.arrived);
const first = apiRecords.findIndex((r) => r.arrived >= phaseStart - 0.5);
const matched = apiRecords.slice(first, first + requests.length);
const offsets = requests.slice(0, matched.length).map((r, n) => matched[n].arrived - r.due);

const overlaps = (list, start, end, minMs = 0) => list.filter((i) => i.ms >= minMs && i.start < end && i.start + i.ms > start);
const sum = (list) => list.reduce((s, i) => s + i.ms, 0);

const slow = [];
requests.forEach((r, n) => {
  if (r.ms < slowMs) return;
  const api = matched[n];
  const end = r.due + r.ms;
  const before = api ? api.arrived - r.due : NaN;
  const inApi = api ? api.ms : NaN;
  const after = api ? end - (api.arrived + api.ms) : NaN;
  const causes = [];
  if (overlaps(gcs.api, r.due, end).length) causes.push('API GC');
  if (overlaps(gcs.bench, r.due, end).length) causes.push('generator GC');
  if (overlaps(gcs.worker, r.due, end).length) causes.push('worker GC');
  if (overlaps(oversleeps, r.due, end).length) causes.push('no core free');
  slow.push({ n, ms: r.ms, before, inApi, after, causes, apiGcMs: sum(overlaps(gcs.api, r.due, end)), benchGcMs: sum(overlaps(gcs.bench, r.due, end)), lateMs: sum(overlaps(oversleeps, r.due, end)) });
});

const out = [];
const say = (line = '') => out.push(line);
say(`authorize phase: ${requests.length} requests over ${f1((phaseEnd - phaseStart) / 1000)} s; latency p50 ${f1(pct(requests.map((r) => r.ms), 50))}, p99 ${f1(pct(requests.map((r) => r.ms), 99))}, longest ${f1(Math.max(...requests.map((r) => r.ms)))} ms`);
say(`matched to the API's records: ${matched.length}; the API saw each request ${f1(pct(offsets, 50))} ms after it was due at the median (p1 ${f1(pct(offsets, 1))}, p99 ${f1(pct(offsets, 99))})`);
say();
say(`in the phase: garbage collections (count, pauses median / longest / total ms):`);
for (const [role, list] of Object.entries(gcs)) {
  const kinds = [...new Set(list.map((g) => g.kind))].map((k) => `${k} ${list.filter((g) => g.kind === k).length}`).join(', ');
  say(`  ${role.padEnd(7)} ${String(list.length).padStart(4)} (${kinds || 'none'}); ${f1(pct(list.map((g) => g.ms), 50))} / ${f1(Math.max(0, ...list.map((g) => g.ms)))} / ${f1(sum(list))}`);
}
say(`  the probe thread woke 2 ms or more late ${oversleeps.length} times (longest ${f1(Math.max(0, ...oversleeps.map((o) => o.ms)))} ms, ${f1(sum(oversleeps))} ms in all)`);
say();
say(`requests of ${slowMs} ms or more: ${slow.length} (${f1((100 * slow.length) / requests.length)}%)`);
if (slow.length) {
  const part = (key) => `median ${f1(pct(slow.map((s) => s[key]), 50))}, p90 ${f1(pct(slow.map((s) => s[key]), 90))}`;
  say(`  their time before the API ${part('before')}; in the API ${part('inApi')}; after the API ${part('after')} ms`);
  const largest = { before: 0, inApi: 0, after: 0 };
  for (const s of slow) {
    const parts = { before: s.before, inApi: s.inApi, after: s.after };
    const key = Object.keys(parts).reduce((a, b) => (parts[a] >= parts[b] ? a : b));
    largest[key]++;
  }
  say(`  where most of each one's time went: before the API ${largest.before}, in the API ${largest.inApi}, after the API ${largest.after}`);
  const labels = ['API GC', 'generator GC', 'worker GC', 'no core free'];
  for (const label of labels) say(`  overlapping ${label}: ${slow.filter((s) => s.causes.includes(label)).length}`);
  say(`  overlapping none of them: ${slow.filter((s) => s.causes.length === 0).length}`);
  say(`  the slowest 15 (ms: total = before + in the API + after; what overlapped):`);
  for (const s of [...slow].sort((a, b) => b.ms - a.ms).slice(0, 15)) {
    say(`    #${s.n}: ${f1(s.ms)} = ${f1(s.before)} + ${f1(s.inApi)} + ${f1(s.after)}; ${s.causes.join(', ') || 'nothing recorded'} (API GC ${f1(s.apiGcMs)}, generator GC ${f1(s.benchGcMs)}, probe late ${f1(s.lateMs)})`);
  }
}
console.log(out.join('\n'));
