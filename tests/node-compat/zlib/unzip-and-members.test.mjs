// unzip detects gzip or zlib by the header; gunzip reads concatenated gzip members.
import assert from 'node:assert';
import zlib from 'node:zlib';

assert.strictEqual(zlib.unzipSync(zlib.gzipSync('from gzip')).toString(), 'from gzip');
assert.strictEqual(zlib.unzipSync(zlib.deflateSync('from zlib')).toString(), 'from zlib');
const two = Buffer.concat([zlib.gzipSync('first, '), zlib.gzipSync('second')]);
assert.strictEqual(zlib.gunzipSync(two).toString(), 'first, second');

const u = zlib.createUnzip();
const out = [];
u.on('data', (c) => out.push(c));
u.on('end', () => assert.strictEqual(Buffer.concat(out).toString(), 'streamed unzip'));
const z = zlib.gzipSync('streamed unzip');
u.write(z.subarray(0, 1));
u.write(z.subarray(1, 5));
u.end(z.subarray(5));
