// Compression levels change the output size; bad options throw ERR_OUT_OF_RANGE; constants
// match zlib's values.
import assert from 'node:assert';
import zlib from 'node:zlib';

const data = Buffer.from('aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd'.repeat(1000));
const stored = zlib.deflateSync(data, { level: 0 });
const fast = zlib.deflateSync(data, { level: 1 });
const best = zlib.deflateSync(data, { level: zlib.constants.Z_BEST_COMPRESSION });
assert.ok(stored.length > data.length);
assert.ok(fast.length < data.length / 10);
assert.ok(best.length <= fast.length);
for (const z of [stored, fast, best]) assert.deepStrictEqual(zlib.inflateSync(z), data);
assert.deepStrictEqual(zlib.inflateRawSync(zlib.deflateRawSync(data, { windowBits: 9 })), data);

assert.throws(() => zlib.gzipSync('x', { level: 10 }), {
  code: 'ERR_OUT_OF_RANGE',
  name: 'RangeError',
  message: 'The value of "options.level" is out of range. It must be >= -1 and <= 9. Received 10',
});
assert.throws(() => zlib.gzipSync('x', { windowBits: 16 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => zlib.gzipSync('x', { level: 'high' }), { code: 'ERR_INVALID_ARG_TYPE' });

const c = zlib.constants;
assert.strictEqual(c.Z_NO_FLUSH, 0);
assert.strictEqual(c.Z_SYNC_FLUSH, 2);
assert.strictEqual(c.Z_FINISH, 4);
assert.strictEqual(c.Z_DATA_ERROR, -3);
assert.strictEqual(c.Z_BUF_ERROR, -5);
assert.strictEqual(c.Z_DEFAULT_COMPRESSION, -1);
assert.strictEqual(c.BROTLI_PARAM_QUALITY, 1);
assert.strictEqual(c.BROTLI_DEFAULT_QUALITY, 11);
assert.strictEqual(zlib.codes.Z_DATA_ERROR, -3);
assert.strictEqual(zlib.codes['-3'], 'Z_DATA_ERROR');
