// readIntLE/BE, readUIntLE/BE and their writers with byteLength 1..6.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(6);
assert.strictEqual(b.writeUIntBE(0x123456, 0, 3), 3);
assert.deepStrictEqual([...b.subarray(0, 3)], [0x12, 0x34, 0x56]);
assert.strictEqual(b.readUIntBE(0, 3), 0x123456);
assert.strictEqual(b.readUIntLE(0, 3), 0x563412);

assert.strictEqual(b.writeUIntLE(2 ** 48 - 1, 0, 6), 6);
assert.strictEqual(b.readUIntLE(0, 6), 2 ** 48 - 1);
assert.strictEqual(b.readIntLE(0, 6), -1);
b.writeIntBE(-(2 ** 47), 0, 6);
assert.strictEqual(b.readIntBE(0, 6), -(2 ** 47));
assert.deepStrictEqual([...b], [0x80, 0, 0, 0, 0, 0]);
b.writeIntLE(-123456789, 0, 5);
assert.strictEqual(b.readIntLE(0, 5), -123456789);
for (let n = 1; n <= 6; n++) {
  const v = 2 ** (8 * n - 1) - 1;
  b.fill(0);
  b.writeIntBE(v, 0, n);
  assert.strictEqual(b.readIntBE(0, n), v, `max ${n}`);
  b.writeIntLE(-v - 1, 0, n);
  assert.strictEqual(b.readIntLE(0, n), -v - 1, `min ${n}`);
}

assert.throws(() => b.readIntLE(0, 7), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7',
});
assert.throws(() => b.readUIntBE(0, 0), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.readUIntBE(0), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => b.readIntLE(undefined, 2), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => b.writeUIntLE(1, 0, 7), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeIntLE(2 ** 47, 0, 6), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. ' +
    'Received 140_737_488_355_328',
});
assert.throws(() => b.writeUIntBE(1, 4, 3), { code: 'ERR_OUT_OF_RANGE' });
