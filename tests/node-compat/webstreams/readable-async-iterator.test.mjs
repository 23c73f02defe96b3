// ReadableStream async iteration: for await, break cancels (unless preventCancel), values()
import assert from 'node:assert';

let cancelled = false;
const rs = new ReadableStream({
  pull(c) { c.enqueue('x'); },
  cancel() { cancelled = true; },
});
for await (const v of rs) {
  assert.strictEqual(v, 'x');
  break;
}
assert.strictEqual(cancelled, true);
assert.strictEqual(rs.locked, false);

cancelled = false;
let n = 0;
const rs2 = new ReadableStream({ pull(c) { c.enqueue(++n); }, cancel() { cancelled = true; } });
for await (const v of rs2.values({ preventCancel: true })) {
  assert.strictEqual(v, 1);
  break;
}
assert.strictEqual(cancelled, false);
assert.strictEqual(rs2.locked, false);
const next = await rs2.getReader().read();
assert.strictEqual(next.done, false);
