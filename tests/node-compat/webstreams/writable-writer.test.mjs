// WritableStream: writer locking, desiredSize with backpressure, ready, close order, abort reason
import assert from 'node:assert';

const log = [];
let release;
const ws = new WritableStream({
  write(chunk) {
    log.push(chunk);
    return new Promise((r) => { release = r; });
  },
  close() { log.push('close'); },
}, new CountQueuingStrategy({ highWaterMark: 2 }));
const w = ws.getWriter();
assert.strictEqual(ws.locked, true);
assert.throws(() => ws.getWriter(), { name: 'TypeError' });
assert.strictEqual(w.desiredSize, 2);
const p1 = w.write('a');
const p2 = w.write('b');
assert.strictEqual(w.desiredSize, 0);
let ready = false;
w.ready.then(() => { ready = true; });
await new Promise((r) => setTimeout(r, 5));
assert.strictEqual(ready, false);
release();
await p1;
await new Promise((r) => setTimeout(r, 5));
release();
await p2;
assert.strictEqual(ready, true);
await w.close();
assert.deepStrictEqual(log, ['a', 'b', 'close']);
await w.closed;

let aborted;
const ws2 = new WritableStream({ abort(r) { aborted = r; } });
await ws2.abort('why');
assert.strictEqual(aborted, 'why');
await assert.rejects(ws2.getWriter().closed, (e) => e === 'why');
