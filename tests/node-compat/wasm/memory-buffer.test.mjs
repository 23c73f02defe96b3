// Memory.buffer aliases linear memory; grow (from JS or wasm) detaches the old buffer.
import assert from 'node:assert';
import { bytes } from './_module.mjs';

const { instance } = await WebAssembly.instantiate(bytes, { env: { cb: (x) => x } });
const { memory, load, grow } = instance.exports;
const buf = memory.buffer;
assert.strictEqual(buf, memory.buffer);
assert.strictEqual(buf.byteLength, 65536);
new Uint32Array(buf)[2] = 0x01020304;
assert.strictEqual(load(8), 0x01020304);
assert.strictEqual(memory.grow(1), 1);
assert.strictEqual(buf.byteLength, 0);
assert.strictEqual(memory.buffer.byteLength, 131072);
assert.strictEqual(load(8), 0x01020304);
const before = memory.buffer;
assert.strictEqual(grow(1), 2);
assert.strictEqual(before.byteLength, 0);
assert.strictEqual(grow(10), -1);
assert.throws(() => memory.grow(10), RangeError);
