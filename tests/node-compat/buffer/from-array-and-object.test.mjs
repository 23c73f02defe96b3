// Buffer.from with arrays, array-likes, Buffers, valueOf and Symbol.toPrimitive objects.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

assert.deepStrictEqual([...Buffer.from([1, 2, 256, -1, 1.5])], [1, 2, 0, 255, 1]);
assert.deepStrictEqual([...Buffer.from({ length: 3, 0: 5, 1: 6 })], [5, 6, 0]);
assert.deepStrictEqual([...Buffer.from({ type: 'Buffer', data: [7, 8] })], [7, 8]);
const src = Buffer.from('abc');
const copy = Buffer.from(src);
copy[0] = 0x7a;
assert.strictEqual(src.toString(), 'abc');
assert.strictEqual(Buffer.from(new String('str')).toString(), 'str');
assert.strictEqual(Buffer.from({ valueOf() { return 'vo'; } }).toString(), 'vo');
assert.strictEqual(Buffer.from({ [Symbol.toPrimitive]() { return 'tp'; } }).toString(), 'tp');
assert.strictEqual(Buffer.from('6869', 'hex').toString(), 'hi');

for (const bad of [5, null, undefined, true, Symbol('s'), {}]) {
  assert.throws(() => Buffer.from(bad), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
}
assert.throws(() => Buffer.from('x', 'nope'), { code: 'ERR_UNKNOWN_ENCODING', name: 'TypeError' });
