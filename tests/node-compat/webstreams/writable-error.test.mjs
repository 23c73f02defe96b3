// WritableStream: a failing sink write errors the stream; later writes reject with it, close with a TypeError
import assert from 'node:assert';

const boom = new Error('sink failed');
const ws = new WritableStream({ write() { throw boom; } });
const w = ws.getWriter();
await assert.rejects(w.write('x'), (e) => e === boom);
await assert.rejects(w.write('y'), (e) => e === boom);
await assert.rejects(w.close(), { name: 'TypeError' });
await assert.rejects(w.closed, (e) => e === boom);
assert.strictEqual(w.desiredSize, null);
