// hkdfSync / hkdf: RFC 5869 test case 1 (SHA-256); the result is an ArrayBuffer.
import assert from 'node:assert';
import crypto from 'node:crypto';

const ikm = Buffer.from('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', 'hex');
const salt = Buffer.from('000102030405060708090a0b0c', 'hex');
const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
const out = crypto.hkdfSync('sha256', ikm, salt, info, 42);
assert.ok(out instanceof ArrayBuffer);
assert.strictEqual(Buffer.from(out).toString('hex'), okm);
assert.throws(() => crypto.hkdfSync('sha256', ikm, salt, info, 255 * 32 + 1), { code: 'ERR_CRYPTO_INVALID_KEYLEN' });
crypto.hkdf('sha256', ikm, salt, info, 42, (err, key) => {
  assert.ifError(err);
  assert.strictEqual(Buffer.from(key).toString('hex'), okm);
});
