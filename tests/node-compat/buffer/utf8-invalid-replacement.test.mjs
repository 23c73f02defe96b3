// Invalid UTF-8 decodes with U+FFFD per maximal subpart (WHATWG).
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const dec = (arr) => Buffer.from(arr).toString('utf8');
assert.strictEqual(dec([0xff]), '\ufffd');
assert.strictEqual(dec([0x80, 0x41]), '\ufffdA');
assert.strictEqual(dec([0xc0, 0x80]), '\ufffd\ufffd'); // overlong
assert.strictEqual(dec([0xe2, 0x82]), '\ufffd'); // truncated 3-byte sequence: one replacement
assert.strictEqual(dec([0xe2, 0x82, 0x41]), '\ufffdA');
assert.strictEqual(dec([0xed, 0xa0, 0x80]), '\ufffd\ufffd\ufffd'); // encoded surrogate
assert.strictEqual(dec([0xf4, 0x90, 0x80, 0x80]), '\ufffd\ufffd\ufffd\ufffd'); // > U+10FFFF
assert.strictEqual(dec([0xf0, 0x9f, 0x98]), '\ufffd');
assert.strictEqual(dec([0xf0, 0x9f, 0x98, 0x80]), '\u{1F600}');
assert.strictEqual(dec([0x61, 0xe2, 0x82, 0xac, 0xfe, 0x62]), 'a€\ufffdb');

// large input with a bad byte in the middle
const big = Buffer.alloc(100000, 0x61);
big[50000] = 0xff;
const s = big.toString();
assert.strictEqual(s.length, 100000);
assert.strictEqual(s[50000], '\ufffd');
assert.strictEqual(s.indexOf('\ufffd'), 50000);
