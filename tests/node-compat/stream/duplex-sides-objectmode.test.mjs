// readableObjectMode/writableObjectMode and per-side highWaterMarks configure each side.
import assert from 'node:assert';
import { Duplex } from 'node:stream';

const d = new Duplex({
  readableObjectMode: true,
  writableHighWaterMark: 5,
  readableHighWaterMark: 3,
  read() {},
  write(c, e, cb) { cb(); },
});
assert.strictEqual(d.readableObjectMode, true);
assert.strictEqual(d.writableObjectMode, false);
assert.strictEqual(d.writableHighWaterMark, 5);
assert.strictEqual(d.readableHighWaterMark, 3);
const ro = new Duplex({ readable: false, write(c, e, cb) { cb(); } });
assert.strictEqual(ro.readable, false);
assert.strictEqual(ro.writable, true);
assert.throws(() => new Duplex({ highWaterMark: -1 }), { code: 'ERR_INVALID_ARG_VALUE' });
