// Out-of-range values and offsets throw Node's ERR_OUT_OF_RANGE / ERR_BUFFER_OUT_OF_BOUNDS.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(4);
assert.throws(() => b.writeUInt8(256), {
  code: 'ERR_OUT_OF_RANGE',
  name: 'RangeError',
  message: 'The value of "value" is out of range. It must be >= 0 and <= 255. Received 256',
});
assert.throws(() => b.writeInt8(-129), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeUInt16LE(-1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeInt16BE(32768), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.writeUInt32LE(2 ** 32), {
  message: 'The value of "value" is out of range. It must be >= 0 and <= 4294967295. ' +
    'Received 4294967296',
});
assert.throws(() => b.writeInt32LE(2 ** 31), { code: 'ERR_OUT_OF_RANGE' });

// offsets
assert.throws(() => b.readUInt32LE(1), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
});
assert.throws(() => b.readUInt8(4), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.readUInt8(-1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.readUInt16LE(1.5), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "offset" is out of range. It must be an integer. Received 1.5',
});
assert.throws(() => b.readUInt8('0'), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => b.writeUInt16LE(1, 3), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => b.readDoubleLE(0), { code: 'ERR_BUFFER_OUT_OF_BOUNDS', name: 'RangeError' });
assert.throws(() => Buffer.alloc(0).readUInt8(0), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
assert.throws(() => b.readBigInt64LE(0), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
// nothing was written by the failed calls
assert.deepStrictEqual([...b], [0, 0, 0, 0]);
