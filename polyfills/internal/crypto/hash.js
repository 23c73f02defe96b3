// crypto.Hash and crypto.Hmac: the running state lives in Rust behind a handle id; the
// objects are (lazy) Transform streams as in Node.
import {
  op_crypto_hash_new, op_crypto_hash_update, op_crypto_hash_digest, op_crypto_hash_copy,
  op_crypto_hash_free, op_crypto_hash_oneshot, op_crypto_hmac_new, op_crypto_hmac_update,
  op_crypto_hmac_digest, op_crypto_hmac_free,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import { codes } from '../errors.js';
import { validateString, validateObject, normalizeEncoding } from '../validators.js';
import { LazyTransform } from './lazy_transform.js';
import {
  kHandle, toBuffer, bytesOf, encodeOutput, cryptoError, handleRegistry,
} from './util.js';

const { ERR_INVALID_ARG_TYPE, ERR_CRYPTO_HASH_FINALIZED } = codes;

const kFinalized = Symbol('kFinalized');
const kKind = Symbol('kKind');

const hashRegistry = handleRegistry(op_crypto_hash_free);
const hmacRegistry = handleRegistry(op_crypto_hmac_free);

// The data argument of update(): a UTF-8 string goes to Rust as is; other encodings and
// views become a Uint8Array.
function updateData(data, encoding) {
  if (typeof data === 'string') {
    if (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8') return data;
    const enc = normalizeEncoding(encoding);
    return enc === 'utf8' ? data : Buffer.from(data, enc ?? encoding);
  }
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function initHash(self, id, options) {
  self[kHandle] = id;
  self[kFinalized] = false;
  hashRegistry?.register(self, id);
  LazyTransform.call(self, options);
}

export function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  validateString(algorithm, 'algorithm');
  if (options !== undefined) validateObject(options, 'options');
  const id = op_crypto_hash_new(algorithm);
  if (id === 0) throw new Error('Digest method not supported');
  initHash(this, id, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  const h = Object.create(Hash.prototype);
  initHash(h, op_crypto_hash_copy(this[kHandle]), options);
  return h;
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this.digest());
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  op_crypto_hash_update(this[kHandle], updateData(data, encoding));
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  if (this[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  this[kFinalized] = true;
  // No unregister: the table entry is gone now and ids are never reused, so the finalizer's
  // late free is a no-op (and QuickJS's unregister walks every registration).
  if (outputEncoding === 'hex') return op_crypto_hash_digest(this[kHandle], true);
  return encodeOutput(toBuffer(op_crypto_hash_digest(this[kHandle])), outputEncoding);
};

/** Hmac keys: string, ArrayBuffer, view or a secret KeyObject. */
function hmacKey(key) {
  if (key !== null && typeof key === 'object' && typeof key.export === 'function' && key.type === 'secret') {
    return key.export();
  }
  return bytesOf(key, 'key');
}

export function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const k = hmacKey(key);
  if (options !== undefined) validateObject(options, 'options');
  const id = op_crypto_hmac_new(hmac, k);
  if (id === 0) throw cryptoError.invalidDigest(hmac);
  this[kHandle] = id;
  this[kFinalized] = false;
  this[kKind] = 'hmac';
  hmacRegistry?.register(this, id);
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = function update(data, encoding) {
  if (this[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  op_crypto_hmac_update(this[kHandle], updateData(data, encoding));
  return this;
};

// Like Node, a second digest() returns an empty result rather than throwing.
Hmac.prototype.digest = function digest(outputEncoding) {
  if (this[kFinalized]) return encodeOutput(Buffer.alloc(0), outputEncoding);
  this[kFinalized] = true;
  if (outputEncoding === 'hex') return op_crypto_hmac_digest(this[kHandle], true);
  return encodeOutput(toBuffer(op_crypto_hmac_digest(this[kHandle])), outputEncoding);
};

Hmac.prototype._transform = Hash.prototype._transform;
Hmac.prototype._flush = Hash.prototype._flush;

export function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

export function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

/** `crypto.hash(algorithm, data[, outputEncoding = 'hex'])` (Node 20.12+). */
export function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  if (outputEncoding !== 'buffer') validateString(outputEncoding, 'outputEncoding');
  if (outputEncoding === 'hex') {
    const id = op_crypto_hash_new(algorithm);
    if (id === 0) throw new Error('Digest method not supported');
    op_crypto_hash_update(id, updateData(input));
    return op_crypto_hash_digest(id, true);
  }
  let out;
  try {
    out = op_crypto_hash_oneshot(algorithm, updateData(input));
  } catch (err) {
    if (err?.code === 'ERR_CRYPTO_INVALID_DIGEST') throw new Error('Digest method not supported');
    throw err;
  }
  return encodeOutput(toBuffer(out), outputEncoding);
}
