// ReadableStream.tee: both branches see every chunk; cancelling both cancels the source with both reasons
import assert from 'node:assert';

const [a, b] = new ReadableStream({
  start(c) {
    c.enqueue(1);
    c.enqueue(2);
    c.close();
  },
}).tee();
const collect = async (s) => {
  const out = [];
  for await (const x of s) out.push(x);
  return out;
};
assert.deepStrictEqual(await Promise.all([collect(a), collect(b)]), [[1, 2], [1, 2]]);

let reason;
const src = new ReadableStream({ cancel(r) { reason = r; } });
const [x, y] = src.tee();
assert.strictEqual(src.locked, true);
const p = x.cancel('x');
await y.cancel('y');
await p;
assert.deepStrictEqual(reason, ['x', 'y']);
