// swap16 / swap32 / swap64 reverse in place and reject bad sizes.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
assert.strictEqual(b.swap16(), b);
assert.deepStrictEqual([...b], [2, 1, 4, 3, 6, 5, 8, 7]);
assert.deepStrictEqual([...Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32()], [4, 3, 2, 1, 8, 7, 6, 5]);
assert.deepStrictEqual([...Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()], [8, 7, 6, 5, 4, 3, 2, 1]);
// swap on a subarray only touches the view
const big = Buffer.from([0, 1, 2, 3, 4, 5]);
big.subarray(1, 5).swap32();
assert.deepStrictEqual([...big], [0, 4, 3, 2, 1, 5]);

assert.throws(() => Buffer.alloc(3).swap16(), { code: 'ERR_INVALID_BUFFER_SIZE', name: 'RangeError' });
assert.throws(() => Buffer.alloc(6).swap32(), { code: 'ERR_INVALID_BUFFER_SIZE' });
assert.throws(() => Buffer.alloc(12).swap64(), { code: 'ERR_INVALID_BUFFER_SIZE' });
