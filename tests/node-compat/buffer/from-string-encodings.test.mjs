// Every Buffer encoding round-trips through Buffer.from(str, enc) / buf.toString(enc).
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const text = 'héllo wörld € 😀';
assert.deepStrictEqual([...Buffer.from(text, 'utf8')].length, Buffer.byteLength(text));
assert.strictEqual(Buffer.from(text, 'utf8').toString('utf8'), text);
assert.strictEqual(Buffer.from(text, 'utf-8').toString(), text);
assert.strictEqual(Buffer.from(text, 'utf16le').toString('utf16le'), text);
assert.strictEqual(Buffer.from(text, 'ucs2').toString('ucs-2'), text);
assert.deepStrictEqual([...Buffer.from('ab€', 'utf16le')], [0x61, 0, 0x62, 0, 0xac, 0x20]);

const latin = 'caf\u00e9 \u00ff\u0000';
assert.strictEqual(Buffer.from(latin, 'latin1').toString('latin1'), latin);
assert.strictEqual(Buffer.from(latin, 'binary').toString('binary'), latin);
assert.deepStrictEqual([...Buffer.from('\u0141x', 'latin1')], [0x41, 0x78]); // low byte kept

assert.strictEqual(Buffer.from('plain ascii', 'ascii').toString('ascii'), 'plain ascii');
assert.strictEqual(Buffer.from([0xe9, 0x41]).toString('ascii'), 'iA'); // high bit cleared

const bytes = Buffer.from([0, 1, 127, 128, 254, 255]);
assert.strictEqual(bytes.toString('hex'), '00017f80feff');
assert.deepStrictEqual(Buffer.from('00017F80FEFF', 'hex'), bytes);
assert.strictEqual(bytes.toString('base64'), 'AAF/gP7/');
assert.deepStrictEqual(Buffer.from('AAF/gP7/', 'base64'), bytes);
assert.strictEqual(bytes.toString('base64url'), 'AAF_gP7_');
assert.deepStrictEqual(Buffer.from('AAF_gP7_', 'base64url'), bytes);

// all 256 byte values through binary-safe encodings
const all = Buffer.alloc(256);
for (let i = 0; i < 256; i++) all[i] = i;
for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary']) {
  assert.deepStrictEqual(Buffer.from(all.toString(enc), enc), all, enc);
}
