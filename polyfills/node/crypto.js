// node:crypto — hashes, HMAC, random numbers, pbkdf2/scrypt/hkdf, AES ciphers and WebCrypto,
// over RustCrypto ops (runtime/src/ops/crypto.rs). APIs atoll lacks (RSA, createSign, key
// pairs, DH) throw ERR_NOT_IMPLEMENTED naming themselves.
import { op_crypto_timing_safe_equal, op_crypto_hash_list } from 'atoll:ops';
import { Buffer } from 'node:buffer';
import { codes } from '../internal/errors.js';
import { Hash, Hmac, createHash, createHmac, hash } from '../internal/crypto/hash.js';
import {
  randomBytes, randomFill, randomFillSync, randomUUID, randomInt, getRandomValues as webGetRandomValues,
} from '../internal/crypto/random.js';
import { pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync } from '../internal/crypto/kdf.js';
import {
  Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers, getCipherInfo,
} from '../internal/crypto/cipher.js';
import { crypto as webcrypto, CryptoKey, subtle } from '../internal/crypto/webcrypto.js';
import { u8Of, isAnyArrayBuffer } from '../internal/crypto/util.js';

const { ERR_INVALID_ARG_TYPE, ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH, ERR_NOT_IMPLEMENTED } = codes;

export {
  Hash, Hmac, createHash, createHmac, hash, randomBytes, randomFill, randomFillSync, randomUUID,
  randomInt, pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync, Cipheriv, Decipheriv,
  createCipheriv, createDecipheriv, getCiphers, getCipherInfo, webcrypto, subtle, CryptoKey,
};

export const pseudoRandomBytes = randomBytes;
export const prng = randomBytes;
export const rng = randomBytes;

export function getRandomValues(array) {
  return webGetRandomValues(array);
}

export function timingSafeEqual(buf1, buf2) {
  const expected = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];
  if (!ArrayBuffer.isView(buf1) && !isAnyArrayBuffer(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', expected, buf1);
  if (!ArrayBuffer.isView(buf2) && !isAnyArrayBuffer(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', expected, buf2);
  const a = u8Of(buf1);
  const b = u8Of(buf2);
  if (a.byteLength !== b.byteLength) throw new ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH();
  return op_crypto_timing_safe_equal(a, b);
}

export function getHashes() {
  return op_crypto_hash_list();
}

export function getCurves() {
  return ['prime256v1'];
}

export function getFips() {
  return 0;
}

export function setFips(on) {
  if (on) throw new ERR_NOT_IMPLEMENTED('FIPS mode');
}

// A secret KeyObject (createSecretKey): enough for createHmac/createCipheriv/hkdf keys.
const kKeyMaterial = Symbol('kKeyMaterial');
export class KeyObject {
  constructor(type, material) {
    if (type !== 'secret') throw new ERR_NOT_IMPLEMENTED(`KeyObject type ${type}`);
    this[kKeyMaterial] = material;
  }

  get type() { return 'secret'; }

  get symmetricKeySize() { return this[kKeyMaterial].byteLength; }

  get asymmetricKeyType() { return undefined; }

  export(options) {
    if (options?.format === 'jwk') {
      return { kty: 'oct', k: Buffer.from(this[kKeyMaterial]).toString('base64url') };
    }
    return Buffer.from(this[kKeyMaterial]);
  }

  equals(other) {
    return other instanceof KeyObject &&
      Buffer.from(this[kKeyMaterial]).equals(Buffer.from(other[kKeyMaterial]));
  }
}
export class SecretKeyObject extends KeyObject {}

export function createSecretKey(key, encoding) {
  return new SecretKeyObject('secret', Uint8Array.from(u8Of(key, 'key', encoding)));
}

function notImplemented(name) {
  return { [name]() { throw new ERR_NOT_IMPLEMENTED(`crypto.${name}`); } }[name];
}

export const createSign = notImplemented('createSign');
export const createVerify = notImplemented('createVerify');
export const sign = notImplemented('sign');
export const verify = notImplemented('verify');
export const generateKeyPair = notImplemented('generateKeyPair');
export const generateKeyPairSync = notImplemented('generateKeyPairSync');
export const generateKey = notImplemented('generateKey');
export const generateKeySync = notImplemented('generateKeySync');
export const createPrivateKey = notImplemented('createPrivateKey');
export const createPublicKey = notImplemented('createPublicKey');
export const publicEncrypt = notImplemented('publicEncrypt');
export const privateDecrypt = notImplemented('privateDecrypt');
export const privateEncrypt = notImplemented('privateEncrypt');
export const publicDecrypt = notImplemented('publicDecrypt');
export const createDiffieHellman = notImplemented('createDiffieHellman');
export const createECDH = notImplemented('createECDH');
export const diffieHellman = notImplemented('diffieHellman');
export const generatePrime = notImplemented('generatePrime');
export const generatePrimeSync = notImplemented('generatePrimeSync');
export const checkPrime = notImplemented('checkPrime');
export const checkPrimeSync = notImplemented('checkPrimeSync');

export const constants = Object.freeze({
  __proto__: null,
  OPENSSL_VERSION_NUMBER: 0,
  SSL_OP_ALL: 2147485776,
  SSL_OP_NO_SSLv2: 0,
  SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TLSv1: 67108864,
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_PKCS1_PSS_PADDING: 6,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
});

export default {
  Hash, Hmac, createHash, createHmac, hash, randomBytes, pseudoRandomBytes, prng, rng, randomFill,
  randomFillSync, randomUUID, randomInt, getRandomValues, pbkdf2, pbkdf2Sync, scrypt, scryptSync,
  hkdf, hkdfSync, timingSafeEqual, Cipheriv, Decipheriv, createCipheriv, createDecipheriv,
  getCiphers, getCipherInfo, getHashes, getCurves, getFips, setFips, KeyObject, createSecretKey,
  createSign, createVerify, sign, verify, generateKeyPair, generateKeyPairSync, generateKey,
  generateKeySync, createPrivateKey, createPublicKey, publicEncrypt, privateDecrypt,
  privateEncrypt, publicDecrypt, createDiffieHellman, createECDH, diffieHellman, generatePrime,
  generatePrimeSync, checkPrime, checkPrimeSync, constants, webcrypto, subtle, CryptoKey,
};
