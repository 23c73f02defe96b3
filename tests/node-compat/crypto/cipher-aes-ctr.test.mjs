// AES-CTR: the NIST SP 800-38A F.5.1 vector, streamed in uneven pieces; the counter carries
// across all 128 bits.
import assert from 'node:assert';
import crypto from 'node:crypto';

const key = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const iv = Buffer.from('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', 'hex');
const pt = Buffer.from('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710', 'hex');
const ct = '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee';

const c = crypto.createCipheriv('aes-128-ctr', key, iv);
let out = '';
for (const [a, b] of [[0, 5], [5, 16], [16, 40], [40, 64]]) out += c.update(pt.subarray(a, b)).toString('hex');
out += c.final('hex');
assert.strictEqual(out, ct);

const d = crypto.createDecipheriv('aes-128-ctr', key, iv);
assert.deepStrictEqual(Buffer.concat([d.update(Buffer.from(ct, 'hex')), d.final()]), pt);

// Counter wrap: an all-ones IV rolls over into zero; output length equals input length.
const k2 = Buffer.alloc(32, 7);
const allOnes = Buffer.alloc(16, 0xff);
const x = crypto.createCipheriv('aes-256-ctr', k2, allOnes);
const enc = Buffer.concat([x.update(Buffer.alloc(37, 1)), x.final()]);
assert.strictEqual(enc.length, 37);
const second = crypto.createCipheriv('aes-256-ctr', k2, Buffer.alloc(16, 0)).update(Buffer.alloc(16, 1));
assert.deepStrictEqual(enc.subarray(16, 32), second);
