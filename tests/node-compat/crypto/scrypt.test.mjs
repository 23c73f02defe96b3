// scryptSync and scrypt: the RFC 7914 vectors, option aliases and parameter errors.
import assert from 'node:assert';
import crypto from 'node:crypto';

assert.strictEqual(crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'),
  '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906');
assert.strictEqual(crypto.scryptSync('password', 'NaCl', 64, { cost: 1024, blockSize: 8, parallelization: 16 }).toString('hex'),
  'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
assert.strictEqual(crypto.scryptSync('pw', 'salt', 16).length, 16);

assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 3 }), { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', name: 'RangeError' });
assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 2 ** 20 }), { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', name: 'RangeError' });
assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 16, cost: 16 }), { code: 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER' });

crypto.scrypt('password', 'NaCl', 16, { N: 1024, r: 8, p: 16 }, (err, key) => {
  assert.ifError(err);
  assert.strictEqual(key.toString('hex'), 'fdbabe1c9d3472007856e7190d01e9fe');
  crypto.scrypt('pw', 'salt', 8, (err2, k2) => {
    assert.ifError(err2);
    assert.deepStrictEqual(k2, crypto.scryptSync('pw', 'salt', 8));
  });
});
