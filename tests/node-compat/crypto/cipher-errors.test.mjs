// createCipheriv argument errors: unknown cipher, key and IV lengths, tag calls in wrong states.
import assert from 'node:assert';
import crypto from 'node:crypto';

assert.throws(() => crypto.createCipheriv('aes-128-xyz', Buffer.alloc(16), Buffer.alloc(16)), {
  code: 'ERR_CRYPTO_UNKNOWN_CIPHER', message: 'Unknown cipher',
});
assert.throws(() => crypto.createCipheriv('aes-128-cbc', Buffer.alloc(15), Buffer.alloc(16)), {
  code: 'ERR_CRYPTO_INVALID_KEYLEN', name: 'RangeError', message: 'Invalid key length',
});
assert.throws(() => crypto.createDecipheriv('aes-256-ctr', Buffer.alloc(32), Buffer.alloc(8)), {
  code: 'ERR_CRYPTO_INVALID_IV', name: 'TypeError', message: 'Invalid initialization vector',
});
assert.throws(() => crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12), { authTagLength: 7 }), {
  code: 'ERR_CRYPTO_INVALID_AUTH_TAG',
});
const c = crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12));
assert.throws(() => c.getAuthTag(), { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state for operation getAuthTag' });
c.final();
assert.strictEqual(c.getAuthTag().length, 16);
assert.throws(() => c.update('more'));
assert.throws(() => crypto.createCipheriv('aes-128-cbc', 'short', Buffer.alloc(16)), { code: 'ERR_CRYPTO_INVALID_KEYLEN' });
assert.throws(() => crypto.createCipheriv('aes-128-cbc', 5, Buffer.alloc(16)), { code: 'ERR_INVALID_ARG_TYPE' });
