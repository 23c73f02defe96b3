// indexOf / lastIndexOf / includes with strings, numbers, buffers and offsets.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.from('hello world');
assert.strictEqual(b.indexOf('o'), 4);
assert.strictEqual(b.indexOf('o', 5), 7);
assert.strictEqual(b.indexOf('o', -3), -1);
assert.strictEqual(b.indexOf('o', -4), 7);
assert.strictEqual(b.indexOf('world'), 6);
assert.strictEqual(b.indexOf('xyz'), -1);
assert.strictEqual(b.indexOf(''), 0);
assert.strictEqual(b.indexOf('', 50), 11);
assert.strictEqual(b.indexOf(0x6f), 4);
assert.strictEqual(b.indexOf(0x6f + 256), 4);
assert.strictEqual(b.indexOf(Buffer.from('wor')), 6);
assert.strictEqual(b.indexOf(new Uint8Array([0x6c, 0x6c])), 2);
assert.strictEqual(b.indexOf('776f', 'hex'), 6);
assert.strictEqual(b.lastIndexOf('o'), 7);
assert.strictEqual(b.lastIndexOf('o', 5), 4);
assert.strictEqual(b.lastIndexOf('o', -5), 4);
assert.strictEqual(b.lastIndexOf('o', -50), -1);
assert.strictEqual(b.lastIndexOf(0x6c), 9);
assert.strictEqual(b.lastIndexOf(Buffer.from('l')), 9);
assert.ok(b.includes('world'));
assert.ok(!b.includes('world', 7));
assert.ok(b.includes(0x68));

const u = Buffer.from('abcabc', 'utf16le');
assert.strictEqual(u.indexOf('bc', 'utf16le'), 2);
assert.strictEqual(u.lastIndexOf('bc', undefined, 'utf16le'), 8);

assert.throws(() => b.indexOf({}), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => b.indexOf('o', 0, 'bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
