// objectMode writables accept any value and count each write as 1 toward highWaterMark.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const got = [];
const w = new Writable({
  objectMode: true,
  highWaterMark: 2,
  write(obj, enc, cb) {
    got.push(obj);
    setTimeout(cb, 1);
  },
});
assert.strictEqual(w.writableObjectMode, true);
assert.strictEqual(w.writableHighWaterMark, 2);
assert.strictEqual(w.write({ a: 1 }), true);
assert.strictEqual(w.write(42), false);
assert.strictEqual(w.writableLength, 2);
w.end('str');
w.on('finish', () => assert.deepStrictEqual(got, [{ a: 1 }, 42, 'str']));
