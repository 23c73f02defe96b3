// zlib.crc32: the standard check value, continuation from a previous value, and the CRC in a
// gzip trailer.
import assert from 'node:assert';
import zlib from 'node:zlib';

assert.strictEqual(zlib.crc32('123456789'), 0xcbf43926);
assert.strictEqual(zlib.crc32(Buffer.from('123456789')), 0xcbf43926);
assert.strictEqual(zlib.crc32('56789', zlib.crc32('1234')), 0xcbf43926);
assert.strictEqual(zlib.crc32(''), 0);
const text = 'héllo wörld, '.repeat(100);
const gz = zlib.gzipSync(text);
assert.strictEqual(zlib.crc32(text), gz.readUInt32LE(gz.length - 8));
assert.strictEqual(zlib.crc32(new Uint16Array([0x3231, 0x3433])), zlib.crc32('1234'));
assert.throws(() => zlib.crc32(5), { code: 'ERR_INVALID_ARG_TYPE' });
