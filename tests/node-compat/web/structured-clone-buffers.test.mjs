// structuredClone copies ArrayBuffers; views over one buffer share one cloned buffer
import assert from 'node:assert';

const buf = new ArrayBuffer(16);
const u8 = new Uint8Array(buf, 2, 4);
u8.set([1, 2, 3, 4]);
const dv = new DataView(buf, 4, 8);
const f64 = new Float64Array([1.5, -2]);
const [cu8, cdv, cbuf, cf64] = structuredClone([u8, dv, buf, f64]);
assert.notStrictEqual(cbuf, buf);
assert.strictEqual(cu8.buffer, cbuf);
assert.strictEqual(cdv.buffer, cbuf);
assert.strictEqual(cu8.byteOffset, 2);
assert.strictEqual(cu8.length, 4);
assert.strictEqual(cdv.byteOffset, 4);
assert.strictEqual(cdv.byteLength, 8);
assert.deepStrictEqual([...cu8], [1, 2, 3, 4]);
assert.ok(cf64 instanceof Float64Array);
assert.deepStrictEqual([...cf64], [1.5, -2]);
cu8[0] = 99;
assert.strictEqual(u8[0], 1);
assert.strictEqual(new Uint8Array(cbuf)[2], 99);
const big = structuredClone(new BigInt64Array([5n]));
assert.strictEqual(big[0], 5n);
