// WebCrypto: globalThis.crypto (Crypto), crypto.subtle (SubtleCrypto) and CryptoKey.
// Supported: digest SHA-1/256/384/512; HMAC, AES-GCM/CBC/CTR, Ed25519, ECDSA P-256 keys
// (generate, import/export raw and jwk); sign/verify HMAC, Ed25519, ECDSA; encrypt/decrypt
// AES-GCM/CBC/CTR; deriveBits/deriveKey PBKDF2 and HKDF. Anything else rejects with a
// NotSupportedError naming the algorithm.
import {
  op_crypto_hash_oneshot, op_crypto_hmac_oneshot, op_crypto_aes_gcm, op_crypto_cipher_new,
  op_crypto_cipher_update, op_crypto_cipher_final, op_crypto_cipher_free, op_crypto_random_fill,
  op_crypto_ed25519_generate, op_crypto_ed25519_public, op_crypto_ed25519_sign,
  op_crypto_ed25519_verify, op_crypto_p256_generate, op_crypto_p256_public, op_crypto_p256_sign,
  op_crypto_p256_verify, op_crypto_pbkdf2, op_crypto_hkdf, op_crypto_timing_safe_equal,
} from 'atoll:ops';
import { codes } from '../errors.js';
import { DOMException } from '../web/dom_exception.js';
import { getRandomValues, randomUUID } from './random.js';
import { isAnyArrayBuffer } from './util.js';

const kSlots = Symbol('kSlots');
const kConstruct = Symbol('kConstruct');

const notSupported = (what) => new DOMException(`Unrecognized algorithm name: ${what}`, 'NotSupportedError');
const badFormat = (format) => new DOMException(`Unsupported key format: ${format}`, 'NotSupportedError');
const opError = (msg) => new DOMException(msg, 'OperationError');
const invalidAccess = (msg) => new DOMException(msg, 'InvalidAccessError');
const dataError = (msg) => new DOMException(msg, 'DataError');
const syntaxError = (msg) => new DOMException(msg, 'SyntaxError');

// ---- helpers ----------------------------------------------------------------------------------

function bufferSource(v, name = 'data') {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
  if (isAnyArrayBuffer(v)) return new Uint8Array(v).slice();
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], v);
}

function ab(u8) {
  return u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer;
}

const kHashes = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const kHashBlock = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kAlgNames = [
  'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW',
  'Ed25519', 'ECDSA', 'ECDH', 'PBKDF2', 'HKDF', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'X25519',
];
const kImplemented = new Set([
  'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'Ed25519',
  'ECDSA', 'PBKDF2', 'HKDF',
]);

function normalize(algorithm) {
  if (typeof algorithm === 'string') algorithm = { name: algorithm };
  if (algorithm === null || typeof algorithm !== 'object' || typeof algorithm.name !== 'string') {
    throw new TypeError('Algorithm: name is required');
  }
  const canonical = kAlgNames.find((n) => n.toLowerCase() === algorithm.name.toLowerCase());
  if (canonical === undefined || !kImplemented.has(canonical)) throw notSupported(algorithm.name);
  const out = { ...algorithm, name: canonical };
  if (out.hash !== undefined) out.hash = normalizeHash(out.hash);
  return out;
}

function normalizeHash(hash) {
  const h = normalize(hash);
  if (kHashes[h.name] === undefined) throw notSupported(h.name);
  return { name: h.name };
}

function b64url(u8) {
  let s = '';
  for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(s) {
  if (typeof s !== 'string') throw dataError('Invalid keyData');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function checkUsages(usages, allowed) {
  if (!Array.isArray(usages)) throw new TypeError('keyUsages must be a sequence');
  for (const u of usages) {
    if (!allowed.includes(u)) throw syntaxError(`Unsupported key usage for this key: ${u}`);
  }
}

// ---- CryptoKey ---------------------------------------------------------------------------------

export class CryptoKey {
  constructor(token) {
    if (token !== kConstruct) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
  }

  get type() { return this[kSlots].type; }

  get extractable() { return this[kSlots].extractable; }

  get algorithm() { return this[kSlots].algorithm; }

  get usages() { return [...this[kSlots].usages]; }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });

function makeKey(type, extractable, algorithm, usages, material) {
  const k = new CryptoKey(kConstruct);
  k[kSlots] = { type, extractable, algorithm: Object.freeze(algorithm), usages: Object.freeze([...usages]), material };
  return k;
}

function slots(key, name, usage) {
  if (!(key instanceof CryptoKey)) throw new codes.ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
  const s = key[kSlots];
  if (name !== undefined && s.algorithm.name !== name) {
    throw invalidAccess('The requested operation is not valid for the provided key');
  }
  if (usage !== undefined && !s.usages.includes(usage)) {
    throw invalidAccess('The requested operation is not valid for the provided key');
  }
  return s;
}

const kUsages = {
  HMAC: { secret: ['sign', 'verify'] },
  'AES-GCM': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-CBC': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-CTR': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  Ed25519: { public: ['verify'], private: ['sign'] },
  ECDSA: { public: ['verify'], private: ['sign'] },
  PBKDF2: { secret: ['deriveBits', 'deriveKey'] },
  HKDF: { secret: ['deriveBits', 'deriveKey'] },
};

function secretAlgorithm(alg, bytes) {
  if (alg.name === 'HMAC') {
    if (alg.hash === undefined) throw new TypeError('HmacImportParams: hash is required');
    const length = alg.length ?? bytes.length * 8;
    if (length === 0 || length > bytes.length * 8 || length <= (bytes.length - 1) * 8) throw dataError('Invalid key length');
    return { name: 'HMAC', length, hash: alg.hash };
  }
  if (alg.name.startsWith('AES-')) {
    if (![16, 24, 32].includes(bytes.length)) throw dataError('Invalid key length');
    return { name: alg.name, length: bytes.length * 8 };
  }
  return { name: alg.name };
}

// ---- SubtleCrypto ------------------------------------------------------------------------------

async function digest(algorithm, data) {
  const alg = normalize(algorithm);
  if (kHashes[alg.name] === undefined) throw notSupported(alg.name);
  return ab(op_crypto_hash_oneshot(kHashes[alg.name], bufferSource(data)));
}

async function generateKey(algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  switch (alg.name) {
    case 'HMAC': {
      const length = alg.length ?? kHashBlock[alg.hash?.name];
      if (!length) throw new TypeError('HmacKeyGenParams: hash is required');
      checkUsages(keyUsages, kUsages.HMAC.secret);
      const bytes = new Uint8Array(Math.ceil(length / 8));
      op_crypto_random_fill(bytes);
      return makeKey('secret', extractable, { name: 'HMAC', length, hash: alg.hash }, keyUsages, bytes);
    }
    case 'AES-GCM': case 'AES-CBC': case 'AES-CTR': {
      if (![128, 192, 256].includes(alg.length)) throw opError('AES key length must be 128, 192 or 256 bits');
      checkUsages(keyUsages, kUsages[alg.name].secret);
      const bytes = new Uint8Array(alg.length / 8);
      op_crypto_random_fill(bytes);
      return makeKey('secret', extractable, { name: alg.name, length: alg.length }, keyUsages, bytes);
    }
    case 'Ed25519': case 'ECDSA': {
      if (alg.name === 'ECDSA' && alg.namedCurve !== 'P-256') throw notSupported(`ECDSA ${alg.namedCurve}`);
      checkUsages(keyUsages, ['sign', 'verify']);
      const [priv, pub] = alg.name === 'Ed25519' ? op_crypto_ed25519_generate() : op_crypto_p256_generate();
      const a = alg.name === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
      return {
        publicKey: makeKey('public', true, a, keyUsages.filter((u) => u === 'verify'), pub),
        privateKey: makeKey('private', extractable, a, keyUsages.filter((u) => u === 'sign'), priv),
      };
    }
    default:
      throw notSupported(alg.name);
  }
}

async function importKey(format, keyData, algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  if (format === 'raw') {
    const bytes = bufferSource(keyData, 'keyData');
    if (alg.name === 'Ed25519' || alg.name === 'ECDSA') {
      checkUsages(keyUsages, ['verify']);
      if (alg.name === 'Ed25519' && bytes.length !== 32) throw dataError('Invalid keyData');
      if (alg.name === 'ECDSA') {
        if (alg.namedCurve !== 'P-256') throw notSupported(`ECDSA ${alg.namedCurve}`);
        if (bytes.length !== 65 && bytes.length !== 33) throw dataError('Invalid keyData');
      }
      const a = alg.name === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
      return makeKey('public', true, a, keyUsages, bytes);
    }
    if (kUsages[alg.name]?.secret === undefined) throw notSupported(alg.name);
    checkUsages(keyUsages, kUsages[alg.name].secret);
    return makeKey('secret', extractable, secretAlgorithm(alg, bytes), keyUsages, bytes);
  }
  if (format === 'jwk') {
    const jwk = keyData;
    if (jwk === null || typeof jwk !== 'object') throw dataError('Invalid keyData');
    if (jwk.kty === 'oct') {
      if (kUsages[alg.name]?.secret === undefined) throw dataError('Invalid JWK "kty" for this algorithm');
      checkUsages(keyUsages, kUsages[alg.name].secret);
      const bytes = unb64url(jwk.k);
      return makeKey('secret', extractable, secretAlgorithm(alg, bytes), keyUsages, bytes);
    }
    if (jwk.kty === 'OKP' && alg.name === 'Ed25519' && jwk.crv === 'Ed25519') {
      const x = unb64url(jwk.x);
      if (jwk.d !== undefined) {
        const d = unb64url(jwk.d);
        checkUsages(keyUsages, ['sign']);
        if (b64url(op_crypto_ed25519_public(d)) !== b64url(x)) throw dataError('Invalid keyData');
        return makeKey('private', extractable, { name: 'Ed25519' }, keyUsages, d);
      }
      checkUsages(keyUsages, ['verify']);
      return makeKey('public', true, { name: 'Ed25519' }, keyUsages, x);
    }
    if (jwk.kty === 'EC' && alg.name === 'ECDSA' && jwk.crv === 'P-256' && alg.namedCurve === 'P-256') {
      const a = { name: 'ECDSA', namedCurve: 'P-256' };
      if (jwk.d !== undefined) {
        checkUsages(keyUsages, ['sign']);
        return makeKey('private', extractable, a, keyUsages, unb64url(jwk.d));
      }
      checkUsages(keyUsages, ['verify']);
      const x = unb64url(jwk.x);
      const y = unb64url(jwk.y);
      const pub = new Uint8Array(65);
      pub[0] = 4;
      pub.set(x, 1);
      pub.set(y, 33);
      return makeKey('public', true, a, keyUsages, pub);
    }
    throw dataError('Invalid JWK keyData');
  }
  throw badFormat(format);
}

async function exportKey(format, key) {
  const s = slots(key);
  if (!s.extractable) throw invalidAccess('key is not extractable');
  if (format === 'raw') {
    if (s.type === 'private') throw invalidAccess('Unable to export a raw private key');
    return ab(s.material.slice());
  }
  if (format === 'jwk') {
    const ops = [...s.usages];
    if (s.type === 'secret') {
      const jwk = { key_ops: ops, ext: true, kty: 'oct', k: b64url(s.material) };
      if (s.algorithm.name === 'HMAC') jwk.alg = `HS${s.algorithm.hash.name.slice(4)}`;
      else if (s.algorithm.name.startsWith('AES-')) jwk.alg = `A${s.algorithm.length}${s.algorithm.name.slice(4)}`;
      return jwk;
    }
    if (s.algorithm.name === 'Ed25519') {
      const x = s.type === 'private' ? op_crypto_ed25519_public(s.material) : s.material;
      const jwk = { key_ops: ops, ext: true, crv: 'Ed25519', x: b64url(x), kty: 'OKP' };
      if (s.type === 'private') jwk.d = b64url(s.material);
      return jwk;
    }
    if (s.algorithm.name === 'ECDSA') {
      const pub = s.type === 'private' ? op_crypto_p256_public(s.material) : s.material;
      const jwk = {
        key_ops: ops, ext: true, kty: 'EC', crv: 'P-256',
        x: b64url(pub.subarray(1, 33)), y: b64url(pub.subarray(33, 65)),
      };
      if (s.type === 'private') jwk.d = b64url(s.material);
      return jwk;
    }
  }
  throw badFormat(format);
}

function signatureHash(alg, s) {
  if (s.algorithm.name !== 'ECDSA') return undefined;
  if (alg.hash === undefined) throw new TypeError('EcdsaParams: hash is required');
  return kHashes[alg.hash.name];
}

async function sign(algorithm, key, data) {
  const alg = normalize(algorithm);
  const s = slots(key, alg.name, 'sign');
  const bytes = bufferSource(data);
  switch (alg.name) {
    case 'HMAC': return ab(op_crypto_hmac_oneshot(kHashes[s.algorithm.hash.name], s.material, bytes));
    case 'Ed25519': return ab(op_crypto_ed25519_sign(s.material, bytes));
    case 'ECDSA': return ab(op_crypto_p256_sign(s.material, signatureHash(alg, s), bytes));
    default: throw notSupported(alg.name);
  }
}

async function verify(algorithm, key, signature, data) {
  const alg = normalize(algorithm);
  const s = slots(key, alg.name, 'verify');
  const sig = bufferSource(signature, 'signature');
  const bytes = bufferSource(data);
  switch (alg.name) {
    case 'HMAC': {
      const mac = op_crypto_hmac_oneshot(kHashes[s.algorithm.hash.name], s.material, bytes);
      return mac.length === sig.length && op_crypto_timing_safe_equal(mac, sig);
    }
    case 'Ed25519': return op_crypto_ed25519_verify(s.material, sig, bytes);
    case 'ECDSA': return op_crypto_p256_verify(s.material, signatureHash(alg, s), sig, bytes);
    default: throw notSupported(alg.name);
  }
}

function aesBlockMode(encrypt, mode, s, iv, data) {
  const name = `aes-${s.material.length * 8}-${mode}`;
  const id = op_crypto_cipher_new(name, s.material, iv, encrypt, 16);
  try {
    const head = op_crypto_cipher_update(id, data);
    const tail = op_crypto_cipher_final(id);
    const out = new Uint8Array(head.length + tail.length);
    out.set(head, 0);
    out.set(tail, head.length);
    return out.buffer;
  } catch {
    throw opError('The operation failed for an operation-specific reason');
  } finally {
    op_crypto_cipher_free(id);
  }
}

async function crypt(encrypt, algorithm, key, data) {
  const alg = normalize(algorithm);
  const s = slots(key, alg.name, encrypt ? 'encrypt' : 'decrypt');
  const bytes = bufferSource(data);
  switch (alg.name) {
    case 'AES-GCM': {
      const iv = bufferSource(alg.iv, 'algorithm.iv');
      const tagLength = alg.tagLength ?? 128;
      if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) {
        throw opError(`${tagLength} is not a valid AES-GCM tag length`);
      }
      const aad = alg.additionalData === undefined ? new Uint8Array(0) : bufferSource(alg.additionalData, 'algorithm.additionalData');
      try {
        return ab(op_crypto_aes_gcm(encrypt, s.material, iv, aad, bytes, tagLength / 8));
      } catch {
        throw opError('The operation failed for an operation-specific reason');
      }
    }
    case 'AES-CBC': {
      const iv = bufferSource(alg.iv, 'algorithm.iv');
      if (iv.length !== 16) throw opError('algorithm.iv must contain exactly 16 bytes');
      return aesBlockMode(encrypt, 'cbc', s, iv, bytes);
    }
    case 'AES-CTR': {
      const counter = bufferSource(alg.counter, 'algorithm.counter');
      if (counter.length !== 16) throw opError('algorithm.counter must contain exactly 16 bytes');
      if (!(alg.length > 0 && alg.length <= 128)) throw opError('algorithm.length must be between 1 and 128');
      return aesBlockMode(encrypt, 'ctr', s, counter, bytes);
    }
    default: throw notSupported(alg.name);
  }
}

async function deriveBits(algorithm, baseKey, length) {
  const alg = normalize(algorithm);
  const s = slots(baseKey, alg.name, 'deriveBits');
  if (typeof length !== 'number' || length % 8 !== 0) throw opError('length must be a multiple of 8');
  if (alg.hash === undefined) throw new TypeError(`${alg.name}Params: hash is required`);
  const salt = bufferSource(alg.salt, 'algorithm.salt');
  switch (alg.name) {
    case 'PBKDF2':
      if (!(alg.iterations > 0)) throw opError('iterations cannot be zero');
      return ab(await op_crypto_pbkdf2(kHashes[alg.hash.name], s.material, salt, alg.iterations, length / 8));
    case 'HKDF': {
      const info = bufferSource(alg.info, 'algorithm.info');
      return ab(await op_crypto_hkdf(kHashes[alg.hash.name], s.material, salt, info, length / 8));
    }
    default: throw notSupported(alg.name);
  }
}

async function deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
  const d = normalize(derivedKeyAlgorithm);
  let length = d.length;
  if (d.name === 'HMAC' && length === undefined) length = kHashBlock[d.hash?.name];
  if (!length) throw notSupported(d.name);
  const bits = await deriveBits(algorithm, baseKey, length);
  return importKey('raw', bits, d, extractable, keyUsages);
}

export class SubtleCrypto {
  constructor(token) {
    if (token !== kConstruct) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
  }
}
Object.assign(SubtleCrypto.prototype, {
  digest,
  generateKey,
  importKey,
  exportKey,
  sign,
  verify,
  encrypt: (algorithm, key, data) => crypt(true, algorithm, key, data),
  decrypt: (algorithm, key, data) => crypt(false, algorithm, key, data),
  deriveBits,
  deriveKey,
  async wrapKey() { throw notSupported('wrapKey'); },
  async unwrapKey() { throw notSupported('unwrapKey'); },
});
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });

const subtle = new SubtleCrypto(kConstruct);

export class Crypto {
  constructor(token) {
    if (token !== kConstruct) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
  }

  get subtle() { return subtle; }

  getRandomValues(array) {
    return Reflect.apply(getRandomValues, this, arguments.length ? [array] : []);
  }

  randomUUID() { return randomUUID(); }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });

export const crypto = new Crypto(kConstruct);
export { subtle };
