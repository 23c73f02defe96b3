// Float and double reads/writes, both byte orders, including special values.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(8);
assert.strictEqual(b.writeFloatBE(1.5, 0), 4);
assert.deepStrictEqual([...b.subarray(0, 4)], [0x3f, 0xc0, 0, 0]);
assert.strictEqual(b.readFloatBE(0), 1.5);
b.writeFloatLE(-0.25, 4);
assert.deepStrictEqual([...b.subarray(4)], [0, 0, 0x80, 0xbe]);
assert.strictEqual(b.readFloatLE(4), -0.25);
b.writeFloatLE(0.1, 0);
assert.strictEqual(b.readFloatLE(0), Math.fround(0.1));

assert.strictEqual(b.writeDoubleLE(Math.PI, 0), 8);
assert.strictEqual(b.readDoubleLE(0), Math.PI);
b.writeDoubleBE(1, 0);
assert.deepStrictEqual([...b], [0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
for (const v of [Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE]) {
  b.writeDoubleBE(v);
  assert.ok(Object.is(b.readDoubleBE(), v), String(v));
}
b.writeDoubleLE(NaN);
assert.ok(Number.isNaN(b.readDoubleLE()));
b.writeFloatBE(1e40);
assert.strictEqual(b.readFloatBE(), Infinity);
assert.throws(() => b.writeFloatLE(1, 5), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.readDoubleBE(1), { code: 'ERR_OUT_OF_RANGE' });
