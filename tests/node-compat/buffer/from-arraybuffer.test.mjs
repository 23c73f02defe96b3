// Buffer.from(arrayBuffer, byteOffset, length) shares memory and checks bounds.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const ab = new ArrayBuffer(8);
const view = new Uint8Array(ab);
const buf = Buffer.from(ab, 2, 4);
assert.strictEqual(buf.length, 4);
assert.strictEqual(buf.byteOffset, 2);
assert.strictEqual(buf.buffer, ab);
view[2] = 7;
assert.strictEqual(buf[0], 7);
buf[3] = 9;
assert.strictEqual(view[5], 9);
assert.strictEqual(Buffer.from(ab).length, 8);
assert.strictEqual(Buffer.from(ab, 3).length, 5);
assert.strictEqual(Buffer.from(ab, 8).length, 0);
assert.strictEqual(Buffer.from(ab, 1, -5).length, 0);

assert.throws(() => Buffer.from(ab, 9), { code: 'ERR_BUFFER_OUT_OF_BOUNDS', name: 'RangeError' });
assert.throws(() => Buffer.from(ab, 2, 7), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });

// a typed array's buffer is shared too, a typed array itself is copied
const u16 = new Uint16Array([1, 0x0203]);
const shared = Buffer.from(u16.buffer);
assert.strictEqual(shared.length, 4);
const copied = Buffer.from(u16);
assert.deepStrictEqual([...copied], [1, 3]);
u16[0] = 5;
assert.strictEqual(copied[0], 1);
