// push() returns false once the buffer reaches highWaterMark; objectMode counts objects.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const r = new Readable({ highWaterMark: 4, read() {} });
assert.strictEqual(r.readableHighWaterMark, 4);
assert.strictEqual(r.push('ab'), true);
assert.strictEqual(r.readableLength, 2);
assert.strictEqual(r.push('cd'), false);
assert.strictEqual(r.readableLength, 4);

const o = new Readable({ objectMode: true, highWaterMark: 2, read() {} });
assert.strictEqual(o.readableObjectMode, true);
assert.strictEqual(o.push({ a: 1 }), true);
assert.strictEqual(o.push({ b: 2 }), false);
assert.strictEqual(o.readableLength, 2);
assert.deepStrictEqual(o.read(), { a: 1 });
