// Buffer.alloc / allocUnsafe / allocUnsafeSlow sizes, fills and size validation.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

assert.deepStrictEqual([...Buffer.alloc(3)], [0, 0, 0]);
assert.deepStrictEqual([...Buffer.alloc(3, 1)], [1, 1, 1]);
assert.deepStrictEqual([...Buffer.alloc(3, 257)], [1, 1, 1]);
assert.strictEqual(Buffer.alloc(5, 'ab').toString(), 'ababa');
assert.strictEqual(Buffer.alloc(4, 'aGk=', 'base64').toString(), 'hihi');
assert.deepStrictEqual([...Buffer.alloc(5, 'é')], [0xc3, 0xa9, 0xc3, 0xa9, 0xc3]);
assert.deepStrictEqual([...Buffer.alloc(3, Buffer.from([1, 2]))], [1, 2, 1]);
assert.strictEqual(Buffer.alloc(0).length, 0);
assert.strictEqual(Buffer.allocUnsafe(10).length, 10);
assert.strictEqual(Buffer.allocUnsafeSlow(10).length, 10);
assert.ok(Buffer.isBuffer(Buffer.allocUnsafe(1)));
assert.ok(Buffer.isBuffer(Buffer.allocUnsafeSlow(1)));
assert.strictEqual(typeof Buffer.poolSize, 'number');

for (const fn of [Buffer.alloc, Buffer.allocUnsafe, Buffer.allocUnsafeSlow]) {
  assert.throws(() => fn(-1), { code: 'ERR_OUT_OF_RANGE', name: 'RangeError' });
  assert.throws(() => fn('5'), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
}
assert.throws(() => Buffer.alloc(2, 'zz', 'hex'), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => Buffer.alloc(2, 'a', 'nope'), { code: 'ERR_UNKNOWN_ENCODING' });
