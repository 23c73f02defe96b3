// ReadableStream: pull is called until desiredSize reaches 0 (highWaterMark), and again after reads
import assert from 'node:assert';

let pulls = 0;
let ctl;
const rs = new ReadableStream({
  start(c) { ctl = c; },
  pull(c) {
    pulls++;
    c.enqueue(pulls);
  },
}, new CountQueuingStrategy({ highWaterMark: 3 }));
await new Promise((r) => setTimeout(r, 10));
assert.strictEqual(pulls, 3);
assert.strictEqual(ctl.desiredSize, 0);
const reader = rs.getReader();
assert.deepStrictEqual(await reader.read(), { value: 1, done: false });
await new Promise((r) => setTimeout(r, 10));
assert.strictEqual(pulls, 4);
assert.strictEqual(ctl.desiredSize, 0);

const bytes = new ReadableStream({ start() {} }, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
void bytes;
const s = new ByteLengthQueuingStrategy({ highWaterMark: 10 });
assert.strictEqual(s.highWaterMark, 10);
assert.strictEqual(s.size(new Uint8Array(7)), 7);
assert.strictEqual(new CountQueuingStrategy({ highWaterMark: 2 }).size(), 1);
