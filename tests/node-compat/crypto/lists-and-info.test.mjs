// getHashes, getCiphers and getCipherInfo describe what createHash/createCipheriv accept.
import assert from 'node:assert';
import crypto from 'node:crypto';

const hashes = crypto.getHashes();
for (const h of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) assert.ok(hashes.includes(h), h);
for (const h of hashes) {
  if (h === 'md5' || h === 'sha1' || h === 'sha256') crypto.createHash(h).digest();
}
const ciphers = crypto.getCiphers();
for (const c of ['aes-128-cbc', 'aes-256-cbc', 'aes-128-ctr', 'aes-256-gcm']) assert.ok(ciphers.includes(c), c);
const info = crypto.getCipherInfo('aes-256-cbc');
assert.strictEqual(info.keyLength, 32);
assert.strictEqual(info.ivLength, 16);
assert.strictEqual(info.blockSize, 16);
assert.strictEqual(info.mode, 'cbc');
assert.strictEqual(crypto.getCipherInfo('aes-128-gcm').mode, 'gcm');
assert.strictEqual(crypto.getCipherInfo('aes-128-gcm').ivLength, 12);
assert.strictEqual(crypto.getCipherInfo('no-such-cipher'), undefined);
assert.strictEqual(crypto.getCipherInfo('aes-128-cbc', { keyLength: 24 }), undefined);
assert.strictEqual(crypto.hash('sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
assert.strictEqual(typeof crypto.subtle.digest, 'function');
assert.strictEqual(crypto.subtle, crypto.webcrypto.subtle);
