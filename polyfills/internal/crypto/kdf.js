// pbkdf2, scrypt and hkdf: validation here, the work in Rust (async forms on the blocking pool).
import {
  op_crypto_pbkdf2, op_crypto_pbkdf2_sync, op_crypto_scrypt, op_crypto_scrypt_sync,
  op_crypto_hkdf, op_crypto_hkdf_sync,
} from 'atoll:ops';
import { codes } from '../errors.js';
import {
  validateFunction, validateInt32, validateString, validateObject, validateUint32, validateInteger,
} from '../validators.js';
import { toBuffer, bytesOf, cryptoError } from './util.js';
import { HASH_SIZES } from './names.js';

const { ERR_OUT_OF_RANGE } = codes;

function checkDigest(digest) {
  validateString(digest, 'digest');
  const size = HASH_SIZES[digest.toLowerCase()];
  if (size === undefined) throw cryptoError.invalidDigest(digest);
  return size;
}

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  password = bytesOf(password, 'password');
  salt = bytesOf(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  checkDigest(digest);
  return [digest, password, salt, iterations, keylen];
}

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const args = pbkdf2Args(password, salt, iterations, keylen, digest);
  return toBuffer(op_crypto_pbkdf2_sync(...args));
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = pbkdf2Args(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  op_crypto_pbkdf2(...args).then((u8) => callback(null, toBuffer(u8)), (err) => callback(err));
}

const defaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptParams(options) {
  let { N, r, p, maxmem } = defaults;
  if (options && options !== defaults) {
    validateObject(options, 'options');
    const has = (k) => options[k] !== undefined;
    if (has('N')) { N = options.N; validateUint32(N, 'N'); }
    if (has('cost')) {
      if (has('N')) throw cryptoError.scryptParameter();
      N = options.cost; validateUint32(N, 'cost');
    }
    if (has('r')) { r = options.r; validateUint32(r, 'r'); }
    if (has('blockSize')) {
      if (has('r')) throw cryptoError.scryptParameter();
      r = options.blockSize; validateUint32(r, 'blockSize');
    }
    if (has('p')) { p = options.p; validateUint32(p, 'p'); }
    if (has('parallelization')) {
      if (has('p')) throw cryptoError.scryptParameter();
      p = options.parallelization; validateUint32(p, 'parallelization');
    }
    if (has('maxmem')) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
  }
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1) throw cryptoError.scryptParams();
  // OpenSSL's memory estimate: the B array (128 r p) and V array (128 r (N + 2)).
  if (128 * r * (N + 2) + 128 * r * p > maxmem) {
    throw cryptoError.scryptParams('error:030000AC:digital envelope routines::memory limit exceeded');
  }
  return [N, r, p, maxmem];
}

function scryptArgs(password, salt, keylen, options) {
  password = bytesOf(password, 'password');
  salt = bytesOf(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  return [password, salt, keylen, scryptParams(options)];
}

export function scryptSync(password, salt, keylen, options = defaults) {
  return toBuffer(op_crypto_scrypt_sync(...scryptArgs(password, salt, keylen, options)));
}

export function scrypt(password, salt, keylen, options, callback = defaults) {
  if (callback === defaults) {
    callback = options;
    options = defaults;
  }
  const args = scryptArgs(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  op_crypto_scrypt(...args).then((u8) => callback(null, toBuffer(u8)), (err) => callback(err));
}

function hkdfArgs(digest, ikm, salt, info, keylen) {
  const size = checkDigest(digest);
  if (ikm !== null && typeof ikm === 'object' && typeof ikm.export === 'function') ikm = ikm.export();
  ikm = bytesOf(ikm, 'ikm');
  salt = bytesOf(salt, 'salt');
  info = bytesOf(info, 'info');
  validateInteger(keylen, 'length', 0, 2 ** 31 - 1);
  if (info.length > 1024) {
    throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.length);
  }
  if (keylen > size * 255) throw cryptoError.invalidKeyLen();
  return [digest, ikm, salt, info, keylen];
}

function toArrayBuffer(u8) {
  return u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength
    ? u8.buffer : u8.slice().buffer;
}

export function hkdfSync(digest, ikm, salt, info, keylen) {
  return toArrayBuffer(op_crypto_hkdf_sync(...hkdfArgs(digest, ikm, salt, info, keylen)));
}

export function hkdf(digest, ikm, salt, info, keylen, callback) {
  const args = hkdfArgs(digest, ikm, salt, info, keylen);
  validateFunction(callback, 'callback');
  op_crypto_hkdf(...args).then((u8) => callback(null, toArrayBuffer(u8)), (err) => callback(err));
}
