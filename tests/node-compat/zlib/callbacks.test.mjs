// The callback forms run later, hand back Buffers, and report errors through the callback.
import assert from 'node:assert';
import zlib from 'node:zlib';

const input = Buffer.from('callback data '.repeat(500));
let sync = true;
zlib.gzip(input, (err, z) => {
  assert.strictEqual(sync, false);
  assert.ifError(err);
  zlib.gunzip(z, (err2, out) => {
    assert.ifError(err2);
    assert.deepStrictEqual(out, input);
  });
});
zlib.deflate(input, { level: 1 }, (err, z) => {
  assert.ifError(err);
  zlib.unzip(z, (err2, out) => {
    assert.ifError(err2);
    assert.deepStrictEqual(out, input);
  });
});
zlib.brotliCompress('abc', (err, z) => {
  assert.ifError(err);
  zlib.brotliDecompress(z, (err2, out) => assert.strictEqual(out.toString(), 'abc'));
});
zlib.inflate(Buffer.from('not zlib'), (err, out) => {
  assert.strictEqual(out, undefined);
  assert.strictEqual(err.code, 'Z_DATA_ERROR');
  assert.strictEqual(err.errno, -3);
});
assert.throws(() => zlib.gzip('x'), { code: 'ERR_INVALID_ARG_TYPE' });
sync = false;
