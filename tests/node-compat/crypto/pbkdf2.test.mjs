// pbkdf2Sync and pbkdf2: RFC 6070 (SHA-1) and a SHA-256 vector; digest validation.
import assert from 'node:assert';
import crypto from 'node:crypto';

assert.strictEqual(crypto.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'),
  '0c60c80f961f0e71f3a9b524af6012062fe037a6');
assert.strictEqual(crypto.pbkdf2Sync('password', 'salt', 4096, 20, 'sha1').toString('hex'),
  '4b007901b765489abead49d926f721d065a429c1');
assert.strictEqual(crypto.pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1').toString('hex'),
  '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038');
assert.strictEqual(crypto.pbkdf2Sync(Buffer.from('password'), Buffer.from('salt'), 1, 32, 'sha256').toString('hex'),
  '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
assert.strictEqual(crypto.pbkdf2Sync('p', 's', 1, 0, 'sha256').length, 0);

assert.throws(() => crypto.pbkdf2Sync('p', 's', 1, 8, 'sha7'), { code: 'ERR_CRYPTO_INVALID_DIGEST', name: 'TypeError', message: 'Invalid digest: sha7' });
assert.throws(() => crypto.pbkdf2Sync('p', 's', 0, 8, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => crypto.pbkdf2Sync('p', 's', 1, -1, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => crypto.pbkdf2('p', 's', 1, 8, 'sha1'), { code: 'ERR_INVALID_ARG_TYPE' });

let sync = true;
crypto.pbkdf2('password', 'salt', 2, 20, 'sha1', (err, key) => {
  assert.strictEqual(sync, false);
  assert.ifError(err);
  assert.strictEqual(key.toString('hex'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
});
sync = false;
