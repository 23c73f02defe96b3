// TextEncoder.encode produces UTF-8 and replaces lone surrogates.
import assert from 'node:assert';

const te = new TextEncoder();
assert.strictEqual(te.encoding, 'utf-8');
assert.deepStrictEqual([...te.encode('a€😀')], [0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
assert.deepStrictEqual([...te.encode('\ud800')], [0xef, 0xbf, 0xbd]);
assert.deepStrictEqual([...te.encode('\udc00\ud800')], [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]);
assert.ok(te.encode('x') instanceof Uint8Array);
assert.strictEqual(te.encode().length, 0);
assert.strictEqual(te.encode(undefined).length, 0);
assert.deepStrictEqual([...te.encode(null)], [0x6e, 0x75, 0x6c, 0x6c]);
assert.deepStrictEqual([...te.encode(12)], [0x31, 0x32]);
const big = 'ab€'.repeat(50000);
assert.strictEqual(te.encode(big).length, 250000);
assert.strictEqual(Object.prototype.toString.call(te), '[object TextEncoder]');
