// Hash misuse: unknown algorithms, bad data, and use after digest() all throw Node's errors.
import assert from 'node:assert';
import crypto from 'node:crypto';

assert.throws(() => crypto.createHash('sha3-999'), { name: 'Error', message: 'Digest method not supported' });
assert.throws(() => crypto.createHash(), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => crypto.createHash('sha256').update(5), {
  code: 'ERR_INVALID_ARG_TYPE',
  name: 'TypeError',
  message: 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
});
const h = crypto.createHash('sha256');
h.digest();
assert.throws(() => h.digest(), { code: 'ERR_CRYPTO_HASH_FINALIZED', message: 'Digest already called' });
assert.throws(() => h.update('x'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
