// AES-CBC: the NIST SP 800-38A F.2.1/F.2.5 vectors (no padding), PKCS#7 padding round trips,
// and the bad-decrypt error for a wrong key.
import assert from 'node:assert';
import crypto from 'node:crypto';

const iv = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const pt = Buffer.from('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51', 'hex');
const vectors = {
  'aes-128-cbc': ['2b7e151628aed2a6abf7158809cf4f3c', '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2'],
  'aes-256-cbc': ['603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4', 'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d'],
};
for (const [name, [key, ct]] of Object.entries(vectors)) {
  const c = crypto.createCipheriv(name, Buffer.from(key, 'hex'), iv).setAutoPadding(false);
  assert.strictEqual(c.update(pt, undefined, 'hex') + c.final('hex'), ct, name);
  const d = crypto.createDecipheriv(name, Buffer.from(key, 'hex'), iv).setAutoPadding(false);
  assert.deepStrictEqual(Buffer.concat([d.update(Buffer.from(ct, 'hex')), d.final()]), pt);
}

const key = crypto.scryptSync('secret', 'salt', 24);
for (const len of [0, 1, 15, 16, 17, 100]) {
  const msg = Buffer.alloc(len, 'm');
  const c = crypto.createCipheriv('aes-192-cbc', key, iv);
  const ct = Buffer.concat([c.update(msg), c.final()]);
  assert.strictEqual(ct.length, (Math.floor(len / 16) + 1) * 16);
  const d = crypto.createDecipheriv('aes-192-cbc', key, iv);
  let out = Buffer.alloc(0);
  for (let i = 0; i < ct.length; i += 7) out = Buffer.concat([out, d.update(ct.subarray(i, i + 7))]);
  assert.deepStrictEqual(Buffer.concat([out, d.final()]), msg);
}

const c = crypto.createCipheriv('aes-192-cbc', key, iv);
const ct = Buffer.concat([c.update('attack at dawn'), c.final()]);
const wrong = crypto.createDecipheriv('aes-192-cbc', Buffer.alloc(24, 1), iv);
wrong.update(ct);
assert.throws(() => wrong.final(), { code: 'ERR_OSSL_BAD_DECRYPT' });
const nopad = crypto.createCipheriv('aes-192-cbc', key, iv).setAutoPadding(false);
nopad.update('short');
assert.throws(() => nopad.final());
