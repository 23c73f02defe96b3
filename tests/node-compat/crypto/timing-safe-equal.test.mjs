// timingSafeEqual compares equal-length byte views and rejects other input.
import assert from 'node:assert';
import crypto from 'node:crypto';

assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
assert.strictEqual(crypto.timingSafeEqual(new Uint16Array([1, 2]), new Uint8Array([1, 0, 2, 0])), true);
assert.strictEqual(crypto.timingSafeEqual(new ArrayBuffer(4), new DataView(new ArrayBuffer(4))), true);
assert.throws(() => crypto.timingSafeEqual(Buffer.alloc(2), Buffer.alloc(3)), {
  code: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
  name: 'RangeError',
  message: 'Input buffers must have the same byte length',
});
assert.throws(() => crypto.timingSafeEqual('abc', Buffer.from('abc')), { code: 'ERR_INVALID_ARG_TYPE' });
