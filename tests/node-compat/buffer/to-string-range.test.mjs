// buf.toString(encoding, start, end) clamps the range and rejects unknown encodings.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.from('abcdef');
assert.strictEqual(b.toString(), 'abcdef');
assert.strictEqual(b.toString('utf8', 1, 3), 'bc');
assert.strictEqual(b.toString(undefined, 2), 'cdef');
assert.strictEqual(b.toString('hex', 4), '6566');
assert.strictEqual(b.toString('utf8', -1, 100), 'abcdef');
assert.strictEqual(b.toString('utf8', 4, 2), '');
assert.strictEqual(b.toString('utf8', 10), '');
assert.strictEqual(b.toString('UTF8'), 'abcdef');
assert.strictEqual(b.toString('Latin1', 0, 1), 'a');
assert.throws(() => b.toString('nope'), { code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: nope' });
assert.throws(() => b.toString(null), { code: 'ERR_UNKNOWN_ENCODING' });
assert.strictEqual(String(b), 'abcdef');
assert.strictEqual(`${Buffer.from('€')}`, '€');
