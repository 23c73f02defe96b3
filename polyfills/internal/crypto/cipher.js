// createCipheriv / createDecipheriv for AES-CBC/CTR/GCM/ECB. The cipher state is a Rust
// handle; output encodings go through a StringDecoder so base64/hex split across update()
// calls join up as in Node.
import {
  op_crypto_cipher_info, op_crypto_cipher_list, op_crypto_cipher_new, op_crypto_cipher_update,
  op_crypto_cipher_final, op_crypto_cipher_set_aad, op_crypto_cipher_set_auth_tag,
  op_crypto_cipher_set_auto_padding, op_crypto_cipher_auth_tag, op_crypto_cipher_free,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { codes } from '../errors.js';
import { validateString, validateObject, validateInt32 } from '../validators.js';
import { LazyTransform } from './lazy_transform.js';
import { kHandle, toBuffer, u8Of, cryptoError, handleRegistry } from './util.js';

const { ERR_INVALID_ARG_TYPE } = codes;

const kInfo = Symbol('kInfo');
const kDecoder = Symbol('kDecoder');
const kDone = Symbol('kDone');
const kTag = Symbol('kTag');
const kEncrypt = Symbol('kEncrypt');

const registry = handleRegistry(op_crypto_cipher_free);

function keyBytes(key) {
  if (key !== null && typeof key === 'object' && typeof key.export === 'function' && key.type === 'secret') {
    return key.export();
  }
  return u8Of(key, 'key');
}

function init(self, encrypt, cipher, key, iv, options) {
  validateString(cipher, 'cipher');
  const k = keyBytes(key);
  if (iv !== null) iv = u8Of(iv, 'iv');
  if (options !== undefined) validateObject(options, 'options');
  const info = op_crypto_cipher_info(cipher);
  if (info === undefined) throw cryptoError.unknownCipher();
  if (k.byteLength !== info.keyLength) throw cryptoError.invalidKeyLen();
  if (info.mode === 'ecb') {
    if (iv !== null && iv.byteLength !== 0) throw cryptoError.invalidIv();
    iv = new Uint8Array(0);
  } else if (iv === null) {
    throw cryptoError.invalidIv();
  } else if (info.mode === 'gcm' ? iv.byteLength === 0 : iv.byteLength !== info.ivLength) {
    throw cryptoError.invalidIv();
  }
  let tagLength = 16;
  if (info.mode === 'gcm' && options?.authTagLength !== undefined) {
    tagLength = options.authTagLength;
    validateInt32(tagLength, 'options.authTagLength');
    if (tagLength !== 4 && tagLength !== 8 && (tagLength < 12 || tagLength > 16)) {
      throw cryptoError.invalidAuthTag(tagLength);
    }
  }
  const id = op_crypto_cipher_new(cipher, k, iv, encrypt, tagLength);
  self[kHandle] = id;
  self[kInfo] = info;
  self[kEncrypt] = encrypt;
  self[kDecoder] = null;
  self[kDone] = false;
  self[kTag] = undefined;
  registry?.register(self, id);
  LazyTransform.call(self, options);
}

function output(self, u8, encoding) {
  const buf = toBuffer(u8);
  if (encoding === undefined || encoding === null || encoding === 'buffer') return buf;
  if (self[kDecoder] === null || self[kDecoder].encoding !== encoding) {
    self[kDecoder] = new StringDecoder(encoding);
    self[kDecoder].encoding = encoding;
  }
  return self[kDecoder].write(buf);
}

function update(data, inputEncoding, outputEncoding) {
  if (this[kDone]) throw cryptoError.invalidState('update');
  let bytes;
  if (typeof data === 'string') {
    bytes = inputEncoding === undefined || inputEncoding === 'utf8' || inputEncoding === 'utf-8' || inputEncoding === 'buffer'
      ? data : Buffer.from(data, inputEncoding);
  } else if (ArrayBuffer.isView(data)) {
    bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } else {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  return output(this, op_crypto_cipher_update(this[kHandle], bytes), outputEncoding);
}

function final(outputEncoding) {
  if (this[kDone]) throw cryptoError.invalidState('final');
  this[kDone] = true;
  let out;
  try {
    out = op_crypto_cipher_final(this[kHandle]);
    if (this[kEncrypt] && this[kInfo].mode === 'gcm') this[kTag] = op_crypto_cipher_auth_tag(this[kHandle]);
  } catch (err) {
    // Node's GCM authentication failure is a plain Error with no code.
    if (err?.code === 'ERR_CRYPTO_AUTH_FAILED') throw new Error(err.message);
    throw err;
  } finally {
    op_crypto_cipher_free(this[kHandle]);
  }
  const buf = toBuffer(out);
  if (outputEncoding === undefined || outputEncoding === null || outputEncoding === 'buffer') return buf;
  const head = output(this, out, outputEncoding);
  return head + this[kDecoder].end();
}

function setAutoPadding(ap = true) {
  if (this[kDone]) throw cryptoError.invalidState('setAutoPadding');
  op_crypto_cipher_set_auto_padding(this[kHandle], !!ap);
  return this;
}

function setAAD(aadbuf, options) {
  if (this[kDone] || this[kInfo].mode !== 'gcm') throw cryptoError.invalidState('setAAD');
  const aad = u8Of(aadbuf, 'buffer');
  if (options !== undefined) validateObject(options, 'options');
  op_crypto_cipher_set_aad(this[kHandle], aad);
  return this;
}

function _transform(chunk, encoding, callback) {
  this.push(this.update(chunk, encoding));
  callback();
}

function _flush(callback) {
  try {
    this.push(this.final());
  } catch (e) {
    callback(e);
    return;
  }
  callback();
}

export function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  init(this, true, cipher, key, iv, options);
}
Object.setPrototypeOf(Cipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Cipheriv, LazyTransform);

export function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  init(this, false, cipher, key, iv, options);
}
Object.setPrototypeOf(Decipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Decipheriv, LazyTransform);

for (const C of [Cipheriv, Decipheriv]) {
  Object.assign(C.prototype, { update, final, setAutoPadding, setAAD, _transform, _flush });
}

Cipheriv.prototype.getAuthTag = function getAuthTag() {
  if (this[kTag] === undefined) throw cryptoError.invalidState('getAuthTag');
  return toBuffer(this[kTag]);
};

Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
  const tag = u8Of(tagbuf, 'buffer', encoding);
  if (this[kDone] || this[kInfo].mode !== 'gcm' || this[kTag] !== undefined) {
    throw cryptoError.invalidState('setAuthTag');
  }
  if (tag.byteLength < 4 || tag.byteLength > 16) throw cryptoError.invalidAuthTag(tag.byteLength);
  this[kTag] = tag;
  op_crypto_cipher_set_auth_tag(this[kHandle], tag);
  return this;
};

export function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

export function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

export function getCiphers() {
  return [...op_crypto_cipher_list(), 'aes128', 'aes192', 'aes256', 'id-aes128-GCM', 'id-aes192-GCM', 'id-aes256-GCM'].sort();
}

export function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  }
  let info;
  if (typeof nameOrNid === 'number') {
    info = op_crypto_cipher_list().map((n) => op_crypto_cipher_info(n)).find((i) => i.nid === nameOrNid);
  } else {
    info = op_crypto_cipher_info(nameOrNid);
  }
  if (info === undefined) return undefined;
  if (options !== undefined) {
    validateObject(options, 'options');
    const { keyLength, ivLength } = options;
    if (keyLength !== undefined && keyLength !== info.keyLength) return undefined;
    if (ivLength !== undefined && info.mode !== 'gcm' && ivLength !== info.ivLength) return undefined;
  }
  if (info.mode === 'gcm') info.name = `id-aes${info.keyLength * 8}-gcm`;
  return info;
}
