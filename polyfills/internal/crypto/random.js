// crypto.randomBytes / randomFill / randomUUID / randomInt and WebCrypto's getRandomValues,
// all from the OS CSPRNG (getrandom).
import { op_crypto_random_fill, op_crypto_random_bytes } from 'atoll:ops';
import { Buffer } from 'node:buffer';
import { codes } from '../errors.js';
import {
  validateFunction, validateNumber, validateObject, validateBoolean,
} from '../validators.js';
import { DOMException } from '../web/dom_exception.js';
import { toBuffer, isAnyArrayBuffer } from './util.js';

const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } = codes;

const kMaxInt32 = 2 ** 31 - 1;
const kMaxPossibleLength = 2 ** 31 - 1;

function later(fn) {
  setImmediate(fn);
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) {
    throw new ERR_OUT_OF_RANGE('size + offset', `<= ${length}`, size + offset);
  }
  return size >>> 0;
}

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) {
    throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${maxLength}`, offset);
  }
  return offset >>> 0;
}

function fill(u8) {
  // getrandom is cheap enough to call in place; no pool is needed for secrecy or speed.
  if (u8.byteLength > 0) op_crypto_random_fill(u8);
}

export function randomBytes(size, callback) {
  validateNumber(size, 'size', 0, kMaxInt32);
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (callback === undefined) {
    const buf = Buffer.allocUnsafe(size);
    fill(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    return buf;
  }
  op_crypto_random_bytes(size).then(
    (u8) => callback(null, toBuffer(u8)),
    (err) => callback(err),
  );
  return undefined;
}

function viewOf(buf) {
  if (ArrayBuffer.isView(buf)) {
    return { u8: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), elementSize: buf.BYTES_PER_ELEMENT ?? 1 };
  }
  if (isAnyArrayBuffer(buf)) return { u8: new Uint8Array(buf), elementSize: 1 };
  throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
}

export function randomFillSync(buf, offset = 0, size) {
  const { u8, elementSize } = viewOf(buf);
  offset = assertOffset(offset, elementSize, u8.byteLength);
  if (size === undefined) size = u8.byteLength - offset;
  else size = assertSize(size, elementSize, offset, u8.byteLength);
  fill(u8.subarray(offset, offset + size));
  return buf;
}

export function randomFill(buf, offset, size, callback) {
  const { u8, elementSize } = viewOf(buf);
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = u8.byteLength;
  } else if (typeof size === 'function') {
    callback = size;
    offset = assertOffset(offset, elementSize, u8.byteLength);
    size = u8.byteLength - offset;
  } else {
    validateFunction(callback, 'callback');
    offset = assertOffset(offset, elementSize, u8.byteLength);
    if (size === undefined) size = u8.byteLength - offset;
    else size = assertSize(size, elementSize, offset, u8.byteLength);
  }
  validateFunction(callback, 'callback');
  fill(u8.subarray(offset, offset + size));
  later(() => callback(null, buf));
}

// randomUUID: v4 from a cache of random bytes, like Node's entropy cache.
const kUuidBatch = 128;
let uuidPool = null;
let uuidPos = kUuidBatch * 16;
const hex = [];
for (let i = 0; i < 256; i++) hex.push((i + 0x100).toString(16).slice(1));

function uuidFrom(b, o) {
  b[o + 6] = (b[o + 6] & 0x0f) | 0x40;
  b[o + 8] = (b[o + 8] & 0x3f) | 0x80;
  return `${hex[b[o]]}${hex[b[o + 1]]}${hex[b[o + 2]]}${hex[b[o + 3]]}-` +
    `${hex[b[o + 4]]}${hex[b[o + 5]]}-${hex[b[o + 6]]}${hex[b[o + 7]]}-` +
    `${hex[b[o + 8]]}${hex[b[o + 9]]}-${hex[b[o + 10]]}${hex[b[o + 11]]}` +
    `${hex[b[o + 12]]}${hex[b[o + 13]]}${hex[b[o + 14]]}${hex[b[o + 15]]}`;
}

export function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const { disableEntropyCache = false } = options ?? {};
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  if (disableEntropyCache) {
    const b = new Uint8Array(16);
    fill(b);
    return uuidFrom(b, 0);
  }
  if (uuidPos >= kUuidBatch * 16) {
    if (uuidPool === null) uuidPool = new Uint8Array(kUuidBatch * 16);
    fill(uuidPool);
    uuidPos = 0;
  }
  const s = uuidFrom(uuidPool, uuidPos);
  uuidPos += 16;
  return s;
}

// randomInt: Node's rejection sampling over 48-bit random values.
const kRandIntMax = 0xFFFFFFFFFFFF;
const randCache = new Uint8Array(6 * 1024);
let randCachePos = randCache.length;

function rand48() {
  if (randCachePos >= randCache.length) {
    fill(randCache);
    randCachePos = 0;
  }
  const b = randCache;
  const p = randCachePos;
  randCachePos += 6;
  return b[p] * 2 ** 40 + b[p + 1] * 2 ** 32 + b[p + 2] * 2 ** 24 + b[p + 3] * 2 ** 16 + b[p + 4] * 2 ** 8 + b[p + 5];
}

export function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) {
    throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= kRandIntMax)) {
    throw new ERR_OUT_OF_RANGE(`max${minNotSpecified ? '' : ' - min'}`, `<= ${kRandIntMax}`, range);
  }
  const randLimit = kRandIntMax - (kRandIntMax % range);
  let x;
  do {
    x = rand48();
  } while (x >= randLimit);
  const n = (x % range) + min;
  if (isSync) return n;
  later(() => callback(null, n));
  return undefined;
}

const kIntegerArrays = new Set([
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array',
]);
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

/** WebCrypto getRandomValues: integer typed arrays of at most 65536 bytes, filled in place. */
export function getRandomValues(data) {
  if (arguments.length < 1) {
    throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
  }
  const tag = ArrayBuffer.isView(data) ? typedArrayTag.call(data) : undefined;
  if (!kIntegerArrays.has(tag)) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  fill(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return data;
}
