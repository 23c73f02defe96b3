// createHash: the FIPS 180 / RFC 1321 test vectors for 'abc' and the empty string.
import assert from 'node:assert';
import crypto from 'node:crypto';

const abc = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha224: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  sha512: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
};
for (const [alg, hex] of Object.entries(abc)) {
  assert.strictEqual(crypto.createHash(alg).update('abc').digest('hex'), hex, alg);
  assert.strictEqual(crypto.createHash(alg.toUpperCase()).update('abc').digest('hex'), hex, alg);
}
assert.strictEqual(crypto.createHash('sha256').digest('hex'),
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
// A million 'a's (the long FIPS vector), fed in uneven pieces.
const h = crypto.createHash('sha1');
const piece = 'a'.repeat(9973);
let left = 1000000;
while (left > 0) {
  const n = Math.min(left, piece.length);
  h.update(piece.slice(0, n));
  left -= n;
}
assert.strictEqual(h.digest('hex'), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
