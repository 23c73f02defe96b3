// Buffer.byteLength for strings in each encoding and for binary inputs.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

assert.strictEqual(Buffer.byteLength('héllo'), 6);
assert.strictEqual(Buffer.byteLength('€'), 3);
assert.strictEqual(Buffer.byteLength('😀'), 4);
assert.strictEqual(Buffer.byteLength('héllo', 'latin1'), 5);
assert.strictEqual(Buffer.byteLength('héllo', 'ascii'), 5);
assert.strictEqual(Buffer.byteLength('héllo', 'utf16le'), 10);
assert.strictEqual(Buffer.byteLength('abcd', 'hex'), 2);
assert.strictEqual(Buffer.byteLength('aGVsbG8=', 'base64'), 5);
assert.strictEqual(Buffer.byteLength('aGVsbG8', 'base64url'), 5);
assert.strictEqual(Buffer.byteLength('abc', 'bogus'), 3); // unknown -> utf8
assert.strictEqual(Buffer.byteLength(''), 0);
assert.strictEqual(Buffer.byteLength(new Uint16Array(3)), 6);
assert.strictEqual(Buffer.byteLength(new ArrayBuffer(7)), 7);
assert.strictEqual(Buffer.byteLength(new DataView(new ArrayBuffer(9), 1)), 8);
assert.throws(() => Buffer.byteLength(5), { code: 'ERR_INVALID_ARG_TYPE' });
