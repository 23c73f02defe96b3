// subtle AES-GCM: encrypt gives ciphertext || tag (NIST test case 4), decrypt inverts it, and a
// tampered message rejects with OperationError. Cross-checked against createDecipheriv.
import assert from 'node:assert';
import crypto from 'node:crypto';

const { subtle } = globalThis.crypto;
const hex = (s) => Buffer.from(s, 'hex');
const key = await subtle.importKey('raw', hex('feffe9928665731c6d6a8f9467308308'), 'AES-GCM', true, ['encrypt', 'decrypt']);
assert.strictEqual(key.algorithm.length, 128);
const iv = hex('cafebabefacedbaddecaf888');
const additionalData = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
const out = Buffer.from(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, pt));
assert.strictEqual(out.length, pt.length + 16);
assert.strictEqual(out.subarray(pt.length).toString('hex'), '5bc94fbc3221a5db94fae95ae7121a47');

const back = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, out);
assert.deepStrictEqual(Buffer.from(back), pt);

const d = crypto.createDecipheriv('aes-128-gcm', hex('feffe9928665731c6d6a8f9467308308'), iv);
d.setAAD(additionalData);
d.setAuthTag(out.subarray(pt.length));
assert.deepStrictEqual(Buffer.concat([d.update(out.subarray(0, pt.length)), d.final()]), pt);

const tampered = Buffer.from(out);
tampered[3] ^= 0x80;
await assert.rejects(subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, tampered), { name: 'OperationError' });

const k256 = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const msg = new TextEncoder().encode('round trip');
const ct = await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 96 }, k256, msg);
assert.strictEqual(ct.byteLength, msg.length + 12);
assert.strictEqual(new TextDecoder().decode(await subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 96 }, k256, ct)), 'round trip');
