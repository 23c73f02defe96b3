// subtle HMAC: importKey 'raw', sign (RFC 4231 case 2), verify, generateKey, exportKey 'jwk'.
import assert from 'node:assert';
import crypto from 'node:crypto';

const { subtle } = globalThis.crypto;
const enc = new TextEncoder();
const key = await subtle.importKey('raw', enc.encode('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
assert.strictEqual(key.type, 'secret');
assert.strictEqual(key.algorithm.name, 'HMAC');
assert.strictEqual(key.algorithm.hash.name, 'SHA-256');
const data = enc.encode('what do ya want for nothing?');
const sig = await subtle.sign('HMAC', key, data);
assert.strictEqual(Buffer.from(sig).toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
assert.strictEqual(await subtle.verify('HMAC', key, sig, data), true);
assert.strictEqual(await subtle.verify('HMAC', key, sig, enc.encode('other')), false);
const jwk = await subtle.exportKey('jwk', key);
assert.strictEqual(jwk.kty, 'oct');
assert.strictEqual(jwk.k, 'SmVmZQ');
assert.strictEqual(jwk.alg, 'HS256');

const gen = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign', 'verify']);
assert.strictEqual(gen.algorithm.length, 1024);
const raw = Buffer.from(await subtle.exportKey('raw', gen));
const mac = await subtle.sign('HMAC', gen, data);
assert.strictEqual(Buffer.from(mac).toString('hex'), crypto.createHmac('sha512', raw).update(data).digest('hex'));
const signOnly = await subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
await assert.rejects(subtle.verify('HMAC', signOnly, mac, data), { name: 'InvalidAccessError' });
await assert.rejects(subtle.exportKey('raw', signOnly));
