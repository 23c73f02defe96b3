// Every sync compressor's output is read back by its decompressor, for strings and buffers.
import assert from 'node:assert';
import zlib from 'node:zlib';

const text = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
const bytes = Buffer.alloc(100000);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
const pairs = [
  ['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'],
  ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync'], ['brotliCompressSync', 'brotliDecompressSync'],
];
for (const [c, d] of pairs) {
  const z = zlib[c](text);
  assert.ok(Buffer.isBuffer(z));
  assert.ok(z.length < text.length / 10, c);
  assert.strictEqual(zlib[d](z).toString(), text, `${c} -> ${d}`);
  assert.deepStrictEqual(zlib[d](zlib[c](bytes)), bytes, `${c} -> ${d} (bytes)`);
  assert.strictEqual(zlib[d](zlib[c]('')).length, 0);
  // ArrayBuffer and non-Uint8 views are accepted too.
  const u16 = new Uint16Array([1, 2, 3, 4]);
  assert.deepStrictEqual(zlib[d](zlib[c](u16.buffer)), Buffer.from(u16.buffer));
}
