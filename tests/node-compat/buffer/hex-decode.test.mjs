// hex decoding stops at the first invalid pair and drops an odd trailing nibble.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

assert.deepStrictEqual([...Buffer.from('abcdef', 'hex')], [0xab, 0xcd, 0xef]);
assert.deepStrictEqual([...Buffer.from('ABCDEF', 'hex')], [0xab, 0xcd, 0xef]);
assert.deepStrictEqual([...Buffer.from('abzz12', 'hex')], [0xab]);
assert.deepStrictEqual([...Buffer.from('abc', 'hex')], [0xab]);
assert.strictEqual(Buffer.from('zz', 'hex').length, 0);
assert.strictEqual(Buffer.from('a', 'hex').length, 0);
assert.strictEqual(Buffer.byteLength('abc', 'hex'), 1);
assert.strictEqual(Buffer.from([1, 2, 0xa0]).toString('hex'), '0102a0');
const b = Buffer.alloc(4);
assert.strictEqual(b.write('11223344556677', 'hex'), 4);
assert.deepStrictEqual([...b], [0x11, 0x22, 0x33, 0x44]);
