import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { DefaultPayloadConverter } from '@temporalio/common';
import { newPayloadKeyEntry, parsePayloadKeys } from '@aigov/config/temporal-payload-keys';
import { PayloadEncryptionCodec } from '@aigov/temporal/payload-encryption.codec';

/**
 * What the payload codec costs per payload, on this machine, once (not a test, not part of
 * `npm run bench`): encrypt and decrypt of payloads the size the product sends, from an Update's
 * arguments (~0.3 KB) to a registration (~1 KB) and an assessment with long answers (~8 KB),
 * against the JSON conversion Temporal does anyway.
 *
 *   node -r ./test/support/ts-register.js bench/payload-codec-micro.ts
 */
const converter = new DefaultPayloadConverter();
const codec = new PayloadEncryptionCodec(parsePayloadKeys(newPayloadKeyEntry('bench', randomBytes)));

const sizes: Array<[string, unknown]> = [
  ['update args ~0.3 KB', { actor: { userId: randomUUID(), label: 'someone@example.test' }, decision: 'approve', comment: 'x'.repeat(150) }],
  ['registration ~1 KB', { name: 'Loan scorer', purpose: 'p'.repeat(300), intendedUse: 'u'.repeat(300), dataSources: ['a', 'b'], owner: randomUUID(), notes: 'n'.repeat(200) }],
  ['assessment ~8 KB', { answers: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}`, 'a'.repeat(190)])) }],
];

/**
 * µs of CPU (user + system) per call: on a machine shared with other work, wall time measures
 * the neighbours too, CPU time far less so.
 */
function perOp(fn: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn(); // warm up
  const started = process.cpuUsage();
  for (let i = 0; i < iterations; i++) fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / iterations;
}

const rows: string[] = [];
for (const [label, value] of sizes) {
  const payload = converter.toPayload(value);
  const encrypted = codec.encrypt(payload);
  const iterations = 20_000;
  const json = perOp(() => converter.fromPayload(converter.toPayload(value)), iterations);
  const encrypt = perOp(() => codec.encrypt(payload), iterations);
  const decrypt = perOp(() => codec.decrypt(encrypted), iterations);
  const bytes = payload.data!.length;
  rows.push(`${label.padEnd(22)} ${String(bytes).padStart(6)} B  +${encrypted.data!.length - bytes} B  JSON ${json.toFixed(1).padStart(6)} µs  encrypt ${encrypt.toFixed(1).padStart(6)} µs  decrypt ${decrypt.toFixed(1).padStart(6)} µs`);
}
console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)}; CPU µs per payload\n${rows.join('\n')}`);
