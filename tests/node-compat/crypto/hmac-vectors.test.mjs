// createHmac: RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-2) test vectors; keys longer than a block.
import assert from 'node:assert';
import crypto from 'node:crypto';

const hmac = (alg, key, data) => crypto.createHmac(alg, key).update(data).digest('hex');
assert.strictEqual(hmac('md5', 'Jefe', 'what do ya want for nothing?'), '750c783e6ab0b503eaa86e310a5db738');
assert.strictEqual(hmac('sha1', 'Jefe', 'what do ya want for nothing?'), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
assert.strictEqual(hmac('sha224', 'Jefe', 'what do ya want for nothing?'), 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44');
assert.strictEqual(hmac('sha256', 'Jefe', 'what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
assert.strictEqual(hmac('sha384', 'Jefe', 'what do ya want for nothing?'), 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649');
assert.strictEqual(hmac('sha512', 'Jefe', 'what do ya want for nothing?'), '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737');
// RFC 4231 test case 6: a 131-byte key, hashed down first.
assert.strictEqual(hmac('sha256', Buffer.alloc(131, 0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First'),
  '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
// Key as a secret KeyObject.
assert.strictEqual(crypto.createHmac('sha256', crypto.createSecretKey(Buffer.from('Jefe'))).update('what do ya want for nothing?').digest('hex'),
  '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
// Unknown digest; a second digest() is empty rather than an error.
assert.throws(() => crypto.createHmac('sha0', 'k'), { code: 'ERR_CRYPTO_INVALID_DIGEST', name: 'TypeError', message: 'Invalid digest: sha0' });
const h = crypto.createHmac('sha1', 'k');
h.update('x').digest();
assert.strictEqual(h.digest('hex'), '');
assert.throws(() => h.update('y'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
