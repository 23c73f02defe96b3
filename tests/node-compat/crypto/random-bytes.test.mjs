// randomBytes / randomFillSync / randomFill: sizes, offsets, callbacks and range errors.
import assert from 'node:assert';
import crypto from 'node:crypto';

const a = crypto.randomBytes(32);
assert.ok(Buffer.isBuffer(a));
assert.strictEqual(a.length, 32);
assert.notDeepStrictEqual(a, crypto.randomBytes(32));
assert.strictEqual(crypto.randomBytes(0).length, 0);
assert.throws(() => crypto.randomBytes(-1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => crypto.randomBytes('1'), { code: 'ERR_INVALID_ARG_TYPE' });

// Only the requested window is filled.
const buf = Buffer.alloc(64);
crypto.randomFillSync(buf, 16, 32);
assert.ok(buf.subarray(0, 16).every((b) => b === 0));
assert.ok(buf.subarray(48).every((b) => b === 0));
assert.ok(buf.subarray(16, 48).some((b) => b !== 0));
const u32 = crypto.randomFillSync(new Uint32Array(4));
assert.ok(u32 instanceof Uint32Array);
assert.throws(() => crypto.randomFillSync(buf, 70), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => crypto.randomFillSync(buf, 0, 65), { code: 'ERR_OUT_OF_RANGE' });

let sync = true;
crypto.randomBytes(16, (err, b) => {
  assert.strictEqual(sync, false);
  assert.ifError(err);
  assert.strictEqual(b.length, 16);
  const target = new Uint8Array(8);
  crypto.randomFill(target, (err2, same) => {
    assert.ifError(err2);
    assert.strictEqual(same, target);
  });
});
sync = false;
