// buf.fill with numbers, strings (+encoding), buffers, offsets and errors.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.from('abcdef');
assert.strictEqual(b.fill('x', 1, 3), b);
assert.strictEqual(b.toString(), 'axxdef');
assert.strictEqual(Buffer.from('abcdef').fill(0x41).toString(), 'AAAAAA');
assert.strictEqual(Buffer.from('abcdef').fill('6162', 'hex').toString(), 'ababab');
assert.strictEqual(Buffer.from('abcdef').fill('6162', 1, 'hex').toString(), 'aababa');
assert.strictEqual(Buffer.from('abcdef').fill('').toString('hex'), '000000000000');
assert.strictEqual(Buffer.from('abcdef').fill(Buffer.from('12'), 4).toString(), 'abcd12');
assert.strictEqual(Buffer.from('abcdef').fill('z', 3, 3).toString(), 'abcdef');

assert.throws(() => Buffer.from('abc').fill('x', -1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from('abc').fill('x', 0, 4), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from('abc').fill('x', 1.5), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => Buffer.from('abc').fill('x', 'bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
assert.throws(() => Buffer.from('abc').fill(Buffer.alloc(0)), { code: 'ERR_INVALID_ARG_VALUE' });
