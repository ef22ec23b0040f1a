#!/usr/bin/env node
// Recomputes a run's audit chain from its events as GET /api/runs/{runId}/audit (or a bundle's
// events.json) returns them, with nothing but Node: hash = sha256_hex(prevHash + canonical_json), where
// canonical_json is JSON.stringify of {actor, at, detail, runId, seq, step, type} with the keys sorted at
// every level. Usage: node bin/audit-chain.mjs RUN_ID events.json   (exit 0: intact; 1: broken)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [runId, file] = process.argv.slice(2);
if (!runId || !file) {
  console.error('usage: node audit-chain.mjs RUN_ID events.json');
  process.exit(2);
}
const sorted = value => Array.isArray(value) ? value.map(sorted)
  : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map(key => [key, sorted(value[key])]))
  : value;

let prevHash = '0'.repeat(64);
const events = JSON.parse(readFileSync(file, 'utf8'));
for (const [index, event] of events.entries()) {
  const { actor, at, detail, seq, step, type } = event;
  const canonical = JSON.stringify(sorted({ actor, at, detail, runId, seq, step, type }));
  const hash = createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
  if (seq !== index + 1 || event.prevHash !== prevHash || event.hash !== hash) {
    console.log(`BROKEN at event ${seq} (position ${index + 1}): expected hash ${hash} after ${prevHash}`);
    process.exit(1);
  }
  prevHash = hash;
}
console.log(`intact: ${events.length} events, head ${prevHash}`);
