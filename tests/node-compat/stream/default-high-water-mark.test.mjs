// getDefaultHighWaterMark / setDefaultHighWaterMark (16 KiB bytes, 16 objects in Node 20).
import assert from 'node:assert';
import { getDefaultHighWaterMark, setDefaultHighWaterMark, Readable, Writable } from 'node:stream';

assert.strictEqual(getDefaultHighWaterMark(false), 16 * 1024);
assert.strictEqual(getDefaultHighWaterMark(true), 16);
assert.strictEqual(new Readable().readableHighWaterMark, 16 * 1024);
assert.strictEqual(new Writable({ objectMode: true }).writableHighWaterMark, 16);
setDefaultHighWaterMark(false, 100);
assert.strictEqual(new Readable().readableHighWaterMark, 100);
setDefaultHighWaterMark(false, 16 * 1024);
assert.throws(() => setDefaultHighWaterMark(false, -1), { code: 'ERR_OUT_OF_RANGE' });
assert.strictEqual(new Readable({ highWaterMark: 0 }).readableHighWaterMark, 0);
