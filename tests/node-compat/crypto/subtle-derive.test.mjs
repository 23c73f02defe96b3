// subtle deriveBits/deriveKey with PBKDF2 and HKDF match node:crypto's pbkdf2Sync/hkdfSync.
import assert from 'node:assert';
import crypto from 'node:crypto';

const { subtle } = globalThis.crypto;
const pw = await subtle.importKey('raw', new TextEncoder().encode('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: new TextEncoder().encode('salt'), iterations: 4096, hash: 'SHA-1' }, pw, 160);
assert.strictEqual(Buffer.from(bits).toString('hex'), '4b007901b765489abead49d926f721d065a429c1');

const aes = await subtle.deriveKey({ name: 'PBKDF2', salt: new Uint8Array(8), iterations: 10, hash: 'SHA-256' }, pw,
  { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
assert.strictEqual(aes.algorithm.length, 256);
assert.deepStrictEqual(Buffer.from(await subtle.exportKey('raw', aes)), crypto.pbkdf2Sync('password', Buffer.alloc(8), 10, 32, 'sha256'));

const ikm = await subtle.importKey('raw', Buffer.alloc(22, 0x0b), 'HKDF', false, ['deriveBits']);
const okm = await subtle.deriveBits({
  name: 'HKDF', hash: 'SHA-256', salt: Buffer.from('000102030405060708090a0b0c', 'hex'), info: Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'),
}, ikm, 336);
assert.strictEqual(Buffer.from(okm).toString('hex'), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
