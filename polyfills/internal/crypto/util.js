// Shared helpers for node:crypto and WebCrypto: turning arguments into byte views and op
// results into Buffers, the lazily built Transform base for Hash/Hmac/Cipher, and the
// Node errors whose codes internal/errors.js does not define.
import { Buffer } from 'node:buffer';
import { codes, nodeError } from '../errors.js';
import { normalizeEncoding } from '../validators.js';

const { ERR_INVALID_ARG_TYPE } = codes;

export const kHandle = Symbol('kHandle');

/** A Buffer over an op's Uint8Array result, without copying. */
export function toBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** A Uint8Array over any ArrayBuffer or view (same memory). */
export function asU8(v) {
  if (v instanceof Uint8Array) return v;
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(v);
}

export function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
}

/**
 * Node's getArrayBufferOrView: a string (in `encoding`), an ArrayBuffer or a view, as bytes.
 * UTF-8 strings stay strings: the ops read them directly.
 */
export function bytesOf(value, name, encoding) {
  if (typeof value === 'string') {
    const enc = normalizeEncoding(encoding);
    if (enc === 'utf8' || enc === undefined || encoding === 'buffer') return value;
    return Buffer.from(value, enc);
  }
  if (ArrayBuffer.isView(value)) return asU8(value);
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

/** Like bytesOf, but always a Uint8Array (strings encoded). */
export function u8Of(value, name, encoding) {
  const b = bytesOf(value, name, encoding);
  return typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
}

/** `buf` as a Buffer, or decoded when an output encoding other than 'buffer' is given. */
export function encodeOutput(buf, encoding) {
  if (encoding === undefined || encoding === null || encoding === 'buffer') return buf;
  return buf.toString(encoding);
}

export const cryptoError = {
  invalidIv: () => nodeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector'),
  invalidState: (op) => nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', `Invalid state for operation ${op}`),
  invalidAuthTag: (len) => nodeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${len}`),
  scryptParams: (extra) => nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
    extra ? `Invalid scrypt params: ${extra}` : 'Invalid scrypt params'),
  scryptParameter: () => nodeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter'),
  invalidKeyLen: () => new codes.ERR_CRYPTO_INVALID_KEYLEN(),
  unknownCipher: () => new codes.ERR_CRYPTO_UNKNOWN_CIPHER(),
  invalidDigest: (name) => new codes.ERR_CRYPTO_INVALID_DIGEST(name),
};

/** Frees native handles whose JS owner was collected before it finished. */
export function handleRegistry(free) {
  return typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(free) : null;
}
