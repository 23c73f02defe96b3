// slice/subarray share memory and keep the right byteOffset when nested.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const ab = new ArrayBuffer(16);
const base = Buffer.from(ab, 4, 10);
for (let i = 0; i < base.length; i++) base[i] = i;
const a = base.subarray(2, 8);
const b = a.subarray(1, 4);
assert.ok(Buffer.isBuffer(a) && Buffer.isBuffer(b));
assert.strictEqual(a.byteOffset, 6);
assert.strictEqual(b.byteOffset, 7);
assert.deepStrictEqual([...b], [3, 4, 5]);
b[0] = 99;
assert.strictEqual(base[3], 99);
assert.strictEqual(new Uint8Array(ab)[7], 99);

const c = base.slice(-3);
assert.deepStrictEqual([...c], [7, 8, 9]);
assert.strictEqual(c.buffer, ab);
c[0] = 42;
assert.strictEqual(base[7], 42);
assert.strictEqual(base.slice(5, 2).length, 0);
assert.strictEqual(base.slice(-100, 2).length, 2);
assert.strictEqual(base.subarray(3, 100).length, 7);
assert.strictEqual(base.subarray(1.9, 3.9).length, 2);
assert.strictEqual(b.subarray(1).toString('hex'), '0405');
