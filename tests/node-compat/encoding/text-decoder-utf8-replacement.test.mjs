// TextDecoder('utf-8') replaces invalid sequences with U+FFFD (maximal subparts).
import assert from 'node:assert';

const td = new TextDecoder();
const dec = (a) => td.decode(new Uint8Array(a));
assert.strictEqual(td.encoding, 'utf-8');
assert.strictEqual(td.fatal, false);
assert.strictEqual(td.ignoreBOM, false);
assert.strictEqual(dec([0x68, 0x69]), 'hi');
assert.strictEqual(dec([0xff, 0x41]), '\ufffdA');
assert.strictEqual(dec([0xe2, 0x82]), '\ufffd');
assert.strictEqual(dec([0xe2, 0x82, 0x41]), '\ufffdA');
assert.strictEqual(dec([0xc0, 0xaf]), '\ufffd\ufffd');
assert.strictEqual(dec([0xed, 0xa0, 0x80]), '\ufffd\ufffd\ufffd');
assert.strictEqual(dec([0xf0, 0x9f, 0x98, 0x80]), '😀');
assert.strictEqual(td.decode(), '');
assert.strictEqual(td.decode(new Uint8Array([0x61, 0x62]).buffer), 'ab');
assert.strictEqual(td.decode(new DataView(new Uint8Array([0x61, 0x62, 0x63]).buffer, 1)), 'bc');
assert.strictEqual(td.decode(new Uint16Array([0x6261])), 'ab');
assert.throws(() => td.decode('str'), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
