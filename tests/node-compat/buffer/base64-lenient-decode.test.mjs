// base64 decoding ignores whitespace/invalid characters, padding is optional, '=' ends input.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const hello = 'hello world';
assert.strictEqual(Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString(), hello);
assert.strictEqual(Buffer.from('aGVsbG8gd29ybGQ', 'base64').toString(), hello);
assert.strictEqual(Buffer.from('aGVs bG8g\nd29y\r\nbGQ=', 'base64').toString(), hello);
assert.strictEqual(Buffer.from('aGVs*bG8g!d29y.bGQ', 'base64').toString(), hello);
assert.strictEqual(Buffer.from('aGVsbG8gd29ybGQ', 'base64url').toString(), hello);
// both alphabets are accepted by both decoders
assert.deepStrictEqual([...Buffer.from('ab_-', 'base64')], [0x69, 0xbf, 0xfe]);
assert.deepStrictEqual([...Buffer.from('ab+/', 'base64url')], [0x69, 0xbf, 0xbf]);
// decoding stops at the first '='
assert.deepStrictEqual([...Buffer.from('YQ==YQ==', 'base64')], [0x61]);
// a single leftover character carries no full byte
assert.deepStrictEqual([...Buffer.from('YWJjZ', 'base64')], [0x61, 0x62, 0x63]);
assert.strictEqual(Buffer.from('', 'base64').length, 0);
assert.strictEqual(Buffer.from('====', 'base64').length, 0);
// byteLength is the upper bound used for allocation
assert.strictEqual(Buffer.byteLength('aGVsbG8gd29ybGQ=', 'base64'), 11);
assert.strictEqual(Buffer.byteLength('YQ', 'base64'), 1);
