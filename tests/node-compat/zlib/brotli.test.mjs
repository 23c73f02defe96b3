// Brotli: quality params, streams, and errors.
import assert from 'node:assert';
import zlib from 'node:zlib';

const text = Buffer.from('brotli brotli brotli compresses text well. '.repeat(300));
const fast = zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
const best = zlib.brotliCompressSync(text);
assert.ok(best.length <= fast.length);
assert.deepStrictEqual(zlib.brotliDecompressSync(fast), text);
assert.deepStrictEqual(zlib.brotliDecompressSync(best), text);
assert.throws(() => zlib.brotliCompressSync(text, { params: { 999: 1 } }), { code: 'ERR_BROTLI_INVALID_PARAM' });

const enc = zlib.createBrotliCompress();
const dec = zlib.createBrotliDecompress();
const out = [];
dec.on('data', (c) => out.push(c));
dec.on('end', () => assert.deepStrictEqual(Buffer.concat(out), text));
enc.pipe(dec);
enc.write(text.subarray(0, 1000));
enc.end(text.subarray(1000));
