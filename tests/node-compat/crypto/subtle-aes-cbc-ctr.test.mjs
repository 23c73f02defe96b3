// subtle AES-CBC (PKCS#7 padded) and AES-CTR agree with createCipheriv on the same key and IV.
import assert from 'node:assert';
import crypto from 'node:crypto';

const { subtle } = globalThis.crypto;
const raw = Buffer.alloc(16, 0x2b);
const iv = Buffer.alloc(16, 0x01);
const msg = Buffer.from('sixteen byte blk and some more');

const cbc = await subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt', 'decrypt']);
const ct = Buffer.from(await subtle.encrypt({ name: 'AES-CBC', iv }, cbc, msg));
const c = crypto.createCipheriv('aes-128-cbc', raw, iv);
assert.deepStrictEqual(ct, Buffer.concat([c.update(msg), c.final()]));
assert.strictEqual(ct.length, 32);
assert.deepStrictEqual(Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv }, cbc, ct)), msg);
await assert.rejects(subtle.decrypt({ name: 'AES-CBC', iv }, cbc, ct.subarray(0, 20)), { name: 'OperationError' });

const ctr = await subtle.importKey('raw', raw, 'AES-CTR', false, ['encrypt', 'decrypt']);
const ct2 = Buffer.from(await subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 64 }, ctr, msg));
const c2 = crypto.createCipheriv('aes-128-ctr', raw, iv);
assert.deepStrictEqual(ct2, Buffer.concat([c2.update(msg), c2.final()]));
assert.deepStrictEqual(Buffer.from(await subtle.decrypt({ name: 'AES-CTR', counter: iv, length: 64 }, ctr, ct2)), msg);
