// node:timers/promises: setTimeout/setImmediate values, AbortSignal, async setInterval.
import assert from 'node:assert';
import { setTimeout as sleep, setImmediate as immediate, setInterval as every } from 'node:timers/promises';
assert.strictEqual(await sleep(2, 'v'), 'v');
assert.strictEqual(await immediate('i'), 'i');
const ac = new AbortController();
const p = sleep(1000, null, { signal: ac.signal });
ac.abort();
await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR' });
let count = 0;
for await (const v of every(1, 'tick')) {
  assert.strictEqual(v, 'tick');
  if (++count === 3) break;
}
assert.strictEqual(count, 3);
