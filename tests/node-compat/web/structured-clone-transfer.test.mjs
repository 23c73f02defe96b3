// structuredClone({transfer}): contents move to the clone; bad transfer lists are rejected
import assert from 'node:assert';

const buf = new ArrayBuffer(4);
new Uint8Array(buf).set([1, 2, 3, 4]);
const view = new Uint8Array(buf, 1);
const out = structuredClone({ buf, view }, { transfer: [buf] });
assert.deepStrictEqual([...new Uint8Array(out.buf)], [1, 2, 3, 4]);
assert.strictEqual(out.view.buffer, out.buf);
assert.deepStrictEqual([...out.view], [2, 3, 4]);
assert.strictEqual(buf.byteLength, 0); // detached
assert.throws(() => structuredClone(1, { transfer: [1] }), { name: 'TypeError' });
const dup = new ArrayBuffer(1);
assert.throws(() => structuredClone(1, { transfer: [dup, dup] }), { name: 'DataCloneError' });
assert.throws(() => structuredClone(1, 5), { name: 'TypeError' });
