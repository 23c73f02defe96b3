// AES-GCM: NIST test case 4 (AES-128, AAD), a non-96-bit IV (test case 6), a short tag, and
// authentication failure on a tampered ciphertext.
import assert from 'node:assert';
import crypto from 'node:crypto';

const key = Buffer.from('feffe9928665731c6d6a8f9467308308', 'hex');
const pt = Buffer.from('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39', 'hex');
const aad = Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex');

const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
const c = crypto.createCipheriv('aes-128-gcm', key, iv);
c.setAAD(aad);
const ct = Buffer.concat([c.update(pt.subarray(0, 33)), c.update(pt.subarray(33)), c.final()]);
assert.strictEqual(ct.toString('hex'), '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091');
assert.strictEqual(c.getAuthTag().toString('hex'), '5bc94fbc3221a5db94fae95ae7121a47');

const d = crypto.createDecipheriv('aes-128-gcm', key, iv);
d.setAAD(aad);
d.setAuthTag(Buffer.from('5bc94fbc3221a5db94fae95ae7121a47', 'hex'));
assert.deepStrictEqual(Buffer.concat([d.update(ct), d.final()]), pt);

const iv60 = Buffer.from('9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b', 'hex');
const c6 = crypto.createCipheriv('aes-128-gcm', key, iv60);
c6.setAAD(aad);
c6.update(pt);
c6.final();
assert.strictEqual(c6.getAuthTag().toString('hex'), '619cc5aefffe0bfa462af43c1699d050');

const c8 = crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32, 1), iv, { authTagLength: 8 });
const ct8 = Buffer.concat([c8.update('short tag'), c8.final()]);
const tag8 = c8.getAuthTag();
assert.strictEqual(tag8.length, 8);
const d8 = crypto.createDecipheriv('aes-256-gcm', Buffer.alloc(32, 1), iv, { authTagLength: 8 });
d8.setAuthTag(tag8);
assert.strictEqual(d8.update(ct8, undefined, 'utf8') + d8.final('utf8'), 'short tag');

const bad = Buffer.from(ct);
bad[0] ^= 1;
const dt = crypto.createDecipheriv('aes-128-gcm', key, iv);
dt.setAAD(aad);
dt.setAuthTag(Buffer.from('5bc94fbc3221a5db94fae95ae7121a47', 'hex'));
dt.update(bad);
assert.throws(() => dt.final(), { message: 'Unsupported state or unable to authenticate data' });
