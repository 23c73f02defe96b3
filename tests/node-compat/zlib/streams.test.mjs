// createGzip piped into createGunzip gives back the input; the gzip stream alone gunzips.
import assert from 'node:assert';
import zlib from 'node:zlib';

const parts = [];
for (let i = 0; i < 50; i++) parts.push(Buffer.from(`line ${i} `.repeat(100)));
const expected = Buffer.concat(parts);

const gz = zlib.createGzip({ level: 6 });
const gunzip = zlib.createGunzip();
const out = [];
const raw = [];
gz.on('data', (c) => raw.push(c));
gunzip.on('data', (c) => out.push(c));
gunzip.on('end', () => {
  assert.deepStrictEqual(Buffer.concat(out), expected);
  assert.deepStrictEqual(zlib.gunzipSync(Buffer.concat(raw)), expected);
  assert.strictEqual(gz.bytesWritten, expected.length);
});
gz.pipe(gunzip);
for (const p of parts) gz.write(p);
gz.end();
assert.ok(gz instanceof zlib.Gzip);

const bad = zlib.createInflate();
bad.on('error', (err) => {
  assert.strictEqual(err.code, 'Z_DATA_ERROR');
  assert.strictEqual(err.errno, -3);
});
bad.end(Buffer.from('definitely not deflate'));
