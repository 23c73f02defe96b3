// Fixed streams made by another zlib (Node's) decode here, and this runtime's own gzip output
// decodes under Node: each runtime runs both halves.
import assert from 'node:assert';
import zlib from 'node:zlib';

const text = 'The quick brown fox jumps over the lazy dog\n'.repeat(3);
// zlib.gzipSync(text, { level: 9 }) from Node 20.
const fromNode = 'H4sIAAAAAAACAwvJSFUoLM1MzlZIKsovz1NIy69QyCrNLShWyC9LLVIoyUhVyEmsqlRIyU/nCqGRWgAYrFN5hAAAAA==';
// The same call under atoll (zlib-rs picks different matches; both are valid streams).
const fromAtoll = 'H4sIAAAAAAACAwvJSFUoLM1MzlZIKsovz1NIy69QyCrNLShWyC9LLVIoAUrnJFZVKqTkp3OF0EgtABisU3mEAAAA';
// zlib.deflateSync(text) and zlib.brotliCompressSync(text) from Node 20.
const zlibStream = 'eJwLyUhVKCzNTM5WSCrKL89TSMuvUMgqzS0oVsgvSy1SKMlIVchJrKpUSMlP5wqhkVoAdNMvqg==';
const brotli = 'G4MAiCySx7WvxSi0Q19SlaElmRlbg5zh6amwtwZRmMsLG3DgkEDeJnKHTiucOTxOVFNwhJf7NAo=';

assert.strictEqual(zlib.gunzipSync(Buffer.from(fromNode, 'base64')).toString(), text);
assert.strictEqual(zlib.gunzipSync(Buffer.from(fromAtoll, 'base64')).toString(), text);
assert.strictEqual(zlib.inflateSync(Buffer.from(zlibStream, 'base64')).toString(), text);
assert.strictEqual(zlib.unzipSync(Buffer.from(zlibStream, 'base64')).toString(), text);
assert.strictEqual(zlib.brotliDecompressSync(Buffer.from(brotli, 'base64')).toString(), text);

// Header fields every gzip writer here must produce: magic, deflate, no flags, OS byte.
const gz = zlib.gzipSync(text);
assert.deepStrictEqual([...gz.subarray(0, 4)], [0x1f, 0x8b, 8, 0]);
// Trailer: CRC-32 then the input size, little-endian.
assert.strictEqual(gz.readUInt32LE(gz.length - 4), text.length);
assert.strictEqual(gz.readUInt32LE(gz.length - 8), zlib.gzipSync(text, { level: 1 }).readUInt32LE(zlib.gzipSync(text, { level: 1 }).length - 8));
// zlib header: CMF 0x78, and the check bits make CMF*256+FLG a multiple of 31.
const z = zlib.deflateSync(text);
assert.strictEqual(z[0], 0x78);
assert.strictEqual((z[0] * 256 + z[1]) % 31, 0);
