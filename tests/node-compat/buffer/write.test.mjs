// buf.write(string, offset, length, encoding) never writes partial characters.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(6);
assert.strictEqual(b.write('héllo', 1, 3), 3);
assert.deepStrictEqual([...b], [0, 0x68, 0xc3, 0xa9, 0, 0]);
assert.strictEqual(Buffer.alloc(2).write('€'), 0); // 3-byte char does not fit
assert.strictEqual(Buffer.alloc(4).write('a€'), 4);
assert.strictEqual(Buffer.alloc(4).write('😀x'), 4);
assert.strictEqual(Buffer.alloc(3).write('😀'), 0);

const h = Buffer.alloc(4);
assert.strictEqual(h.write('ffee', 'hex'), 2);
assert.strictEqual(h.write('0102', 2, 'hex'), 2);
assert.deepStrictEqual([...h], [0xff, 0xee, 1, 2]);
const u = Buffer.alloc(5);
assert.strictEqual(u.write('ab€', 'utf16le'), 4);
assert.deepStrictEqual([...u], [0x61, 0, 0x62, 0, 0]);
assert.strictEqual(Buffer.alloc(3).write('aGVsbG8=', 'base64'), 3);
assert.strictEqual(Buffer.alloc(10).write('abc', 1, 1, 'latin1'), 1);

assert.throws(() => b.write('x', 7), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.write('x', 1.5), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.write('x', 0, 'bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
assert.throws(() => b.write(5), { code: 'ERR_INVALID_ARG_TYPE' });
