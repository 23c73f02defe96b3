// subtle ECDSA P-256: generated keys sign (r || s, 64 bytes) and verify; the public key round
// trips through 'raw' and 'jwk'; other curves are reported as unsupported.
import assert from 'node:assert';

const { subtle } = globalThis.crypto;
const alg = { name: 'ECDSA', namedCurve: 'P-256' };
const { publicKey, privateKey } = await subtle.generateKey(alg, true, ['sign', 'verify']);
const msg = new TextEncoder().encode('message to sign');
const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, msg);
assert.strictEqual(sig.byteLength, 64);
assert.strictEqual(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, msg), true);
assert.strictEqual(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, new Uint8Array(3)), false);

const raw = await subtle.exportKey('raw', publicKey);
assert.strictEqual(raw.byteLength, 65);
assert.strictEqual(new Uint8Array(raw)[0], 4);
const again = await subtle.importKey('raw', raw, alg, true, ['verify']);
assert.strictEqual(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, again, sig, msg), true);

const jwk = await subtle.exportKey('jwk', publicKey);
assert.strictEqual(jwk.kty, 'EC');
assert.strictEqual(jwk.crv, 'P-256');
const fromJwk = await subtle.importKey('jwk', jwk, alg, true, ['verify']);
const sig384 = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, privateKey, msg);
assert.strictEqual(await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, fromJwk, sig384, msg), true);
await assert.rejects(subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-1' }, true, ['sign']));
