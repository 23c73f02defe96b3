// Corrupt and truncated input throw zlib's messages with Node's code and errno.
import assert from 'node:assert';
import zlib from 'node:zlib';

const junk = Buffer.from('hello world');
assert.throws(() => zlib.gunzipSync(junk), { code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' });
assert.throws(() => zlib.inflateSync(junk), { code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' });
assert.throws(() => zlib.unzipSync(junk), { code: 'Z_DATA_ERROR', errno: -3 });
assert.throws(() => zlib.inflateRawSync(junk), { code: 'Z_DATA_ERROR', errno: -3 });
const gz = zlib.gzipSync('hello hello hello hello');
assert.throws(() => zlib.gunzipSync(gz.subarray(0, 10)), { code: 'Z_BUF_ERROR', errno: -5, message: 'unexpected end of file' });
assert.throws(() => zlib.brotliDecompressSync(junk), { message: 'Decompression failed' });
assert.throws(() => zlib.gzipSync(42), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
const err = (() => { try { zlib.gunzipSync(junk); } catch (e) { return e; } })();
assert.ok(err instanceof Error);
