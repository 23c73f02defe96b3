// subtle Ed25519: RFC 8032 test 1 verifies from a raw public key; generated keys sign and verify.
import assert from 'node:assert';

const { subtle } = globalThis.crypto;
const hex = (s) => Buffer.from(s, 'hex');
const pub = await subtle.importKey('raw', hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'), { name: 'Ed25519' }, true, ['verify']);
const sig = hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
assert.strictEqual(await subtle.verify('Ed25519', pub, sig, new Uint8Array(0)), true);
assert.strictEqual(await subtle.verify('Ed25519', pub, sig, new Uint8Array([1])), false);

// The RFC's private key, imported as a JWK, signs deterministically to the same signature.
const b64u = (s) => hex(s).toString('base64url');
const priv = await subtle.importKey('jwk', {
  kty: 'OKP', crv: 'Ed25519',
  d: b64u('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  x: b64u('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
}, 'Ed25519', false, ['sign']);
assert.deepStrictEqual(Buffer.from(await subtle.sign('Ed25519', priv, new Uint8Array(0))), sig);

const { publicKey, privateKey } = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
assert.strictEqual(publicKey.type, 'public');
assert.strictEqual(privateKey.type, 'private');
const msg = new TextEncoder().encode('hello');
const s = await subtle.sign({ name: 'Ed25519' }, privateKey, msg);
assert.strictEqual(s.byteLength, 64);
assert.strictEqual(await subtle.verify({ name: 'Ed25519' }, publicKey, s, msg), true);
assert.strictEqual((await subtle.exportKey('raw', publicKey)).byteLength, 32);
