// Lone surrogates encode as EF BF BD; pairs encode as 4 bytes.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

assert.deepStrictEqual([...Buffer.from('\ud800')], [0xef, 0xbf, 0xbd]);
assert.deepStrictEqual([...Buffer.from('a\udc00b')], [0x61, 0xef, 0xbf, 0xbd, 0x62]);
assert.deepStrictEqual([...Buffer.from('\ud83d\ude00')], [0xf0, 0x9f, 0x98, 0x80]);
assert.deepStrictEqual([...Buffer.from('\ude00\ud83d')], [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]);
assert.strictEqual(Buffer.byteLength('\ud800'), 3);
assert.strictEqual(Buffer.byteLength('\ud83d\ude00'), 4);
assert.strictEqual(Buffer.from('x\ud800').toString(), 'x\ufffd');
