// 64-bit BigInt reads/writes at edge values and their range errors.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(8);
const max = 2n ** 64n - 1n;
assert.strictEqual(b.writeBigUInt64LE(max), 8);
assert.strictEqual(b.readBigUInt64LE(), max);
assert.strictEqual(b.readBigInt64LE(), -1n);
b.writeBigInt64BE(-(2n ** 63n));
assert.deepStrictEqual([...b], [0x80, 0, 0, 0, 0, 0, 0, 0]);
assert.strictEqual(b.readBigInt64BE(), -(2n ** 63n));
assert.strictEqual(b.readBigUInt64BE(), 2n ** 63n);
b.writeBigInt64LE(0x0102030405060708n);
assert.deepStrictEqual([...b], [8, 7, 6, 5, 4, 3, 2, 1]);
assert.strictEqual(b.readBigUInt64BE(), 0x0807060504030201n);
b.writeBigUint64BE(2n ** 63n - 1n);
assert.strictEqual(b.readBigInt64BE(), 2n ** 63n - 1n);

assert.throws(() => b.writeBigUInt64LE(2n ** 64n), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. ' +
    'Received 18_446_744_073_709_551_616n',
});
assert.throws(() => b.writeBigUInt64LE(-1n), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeBigInt64LE(2n ** 63n), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeBigInt64BE(-(2n ** 63n) - 1n), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeBigInt64BE(1n, 1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeBigInt64BE(1), TypeError);
