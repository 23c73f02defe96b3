// atoll: node:buffer — Buffer (a Uint8Array subclass), Blob, File, atob/btoa.
// Written from the Node 20 documentation; byte codecs live in ../internal/encoding.js.

import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_UNKNOWN_ENCODING, ERR_MISSING_ARGS, ERR_INVALID_STATE, codes,
} from '../internal/errors.js';
import {
  validateNumber, validateInteger, validateArray,
} from '../internal/validators.js';
import {
  normalizeEncoding, byteLengthOf, encodeString, writeString, decodeBytes,
  utf8ByteLength, utf8WriteBytes as utf8Write, utf8Decode, latin1Decode, asciiDecode,
  utf16leDecode, bytesToHex, bytesToBase64,
  isValidUtf8, isAsciiBytes,
} from '../internal/encoding.js';

// ---------------------------------------------------------------------------
// constants

export const kMaxLength = 2 ** 32;
// QuickJS-ng's maximum string length (JS_STRING_LEN_MAX).
export const kStringMaxLength = 2 ** 30 - 1;
export const constants = Object.freeze({
  __proto__: null,
  MAX_LENGTH: kMaxLength,
  MAX_STRING_LENGTH: kStringMaxLength,
});
export let INSPECT_MAX_BYTES = 50;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// ---------------------------------------------------------------------------
// type checks

const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
const getArrayBufferByteLength =
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const getSharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get
  : undefined;

function isUint8Array(v) {
  return getTypedArrayTag.call(v) === 'Uint8Array';
}
function isTypedArray(v) {
  return getTypedArrayTag.call(v) !== undefined;
}
function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}
function isAnyArrayBuffer(v) {
  if (v === null || typeof v !== 'object') return false;
  // A view is never a buffer: skip the throwing brand checks (an exception is slow).
  if (ArrayBuffer.isView(v)) return false;
  try {
    getArrayBufferByteLength.call(v);
    return true;
  } catch {
    // not an ArrayBuffer
  }
  if (getSharedArrayBufferByteLength !== undefined) {
    try {
      getSharedArrayBufferByteLength.call(v);
      return true;
    } catch {
      // not a SharedArrayBuffer
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Buffer / FastBuffer

// No constructor of its own: QuickJS runs the implicit derived one about twice as fast as
// an explicit `super(a, b, c)` (subarray/slice construct one per call).
class FastBuffer extends Uint8Array {}

export function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, 'prototype', {
  value: FastBuffer.prototype, writable: false, enumerable: false, configurable: false,
});
Object.defineProperty(FastBuffer.prototype, 'constructor', {
  value: Buffer, writable: true, enumerable: false, configurable: true,
});
Object.setPrototypeOf(Buffer, Uint8Array);

// Node's validateOffset: an integer in [min, kMaxLength].
function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

function createUnsafeBuffer(size) {
  return new FastBuffer(size);
}

// ---- pool -----------------------------------------------------------------

Buffer.poolSize = 8 * 1024;
let poolSize = 0;
let poolOffset = 0;
let allocPool = null;

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  poolOffset = 0;
}

function alignPool() {
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (allocPool === null || size > poolSize - poolOffset) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return createUnsafeBuffer(size);
}

// ---- static constructors -------------------------------------------------

function fromString(string, encoding) {
  let enc;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0) return new FastBuffer();
    enc = 'utf8';
  } else {
    enc = normalizeEncoding(encoding);
    if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0) return new FastBuffer();
  }
  const length = byteLengthOf(string, enc);
  if (length >= (Buffer.poolSize >>> 1)) {
    const u8 = encodeString(string, enc);
    return new FastBuffer(u8.buffer, u8.byteOffset, u8.length);
  }
  if (allocPool === null || length > poolSize - poolOffset) createPool();
  const b = new FastBuffer(allocPool, poolOffset, length);
  const actual = writeString(string, enc, b, 0, length);
  const out = actual === length ? b : new FastBuffer(allocPool, poolOffset, actual);
  poolOffset += actual;
  alignPool();
  return out;
}

function fromArrayLike(obj) {
  const len = obj.length;
  if (len <= 0) return new FastBuffer();
  const b = allocate(len);
  if (isTypedArray(obj) || Array.isArray(obj)) {
    b.set(obj, 0);
  } else {
    for (let i = 0; i < len; i++) b[i] = obj[i];
  }
  return b;
}

function fromArrayBuffer(ab, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = ab.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(ab, byteOffset, length);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

const fromExpected = ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'];

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw new ERR_INVALID_ARG_TYPE('first argument', fromExpected, value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = view.subarray(offset, Math.min(end, viewLength));
  }
  const u8 = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return fromArrayLike(u8.slice());
};

Buffer.of = function of(...items) {
  const b = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) b[i] = items[i];
  return b;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = createUnsafeBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return allocate(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
};

export function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    normalizeEncoding(encoding) !== undefined;
};
Buffer[Symbol.for('kIsEncodingSymbol')] = Buffer.isEncoding;

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  const mustMatch = arguments.length > 2 && arguments[2] === true;
  if (!mustMatch && len === 0) return 0;
  if (!encoding) return mustMatch ? -1 : utf8ByteLength(string);
  const enc = normalizeEncoding(`${encoding}`);
  if (enc === undefined) return mustMatch ? -1 : utf8ByteLength(string);
  return byteLengthOf(string, enc);
};

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const alen = aEnd - aStart;
  const blen = bEnd - bStart;
  const n = Math.min(alen, blen);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return alen < blen ? -1 : alen > blen ? 1 : 0;
}

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.concat = function concat(list, length) {
  validateArray(list, 'list');
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    pos += copyActual(buf, buffer, pos, 0, buf.length);
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
};

// ---------------------------------------------------------------------------
// prototype

const proto = Buffer.prototype;

function getEnc(encoding) {
  // Node: any value is stringified; '' / null / unknown names are errors
  const enc = normalizeEncoding(`${encoding}`);
  if (enc === undefined || `${encoding}` === '') return undefined;
  return enc;
}

function defineMethods(target, methods) {
  for (const name of Object.keys(methods)) {
    Object.defineProperty(target, name, {
      value: methods[name], writable: true, enumerable: true, configurable: true,
    });
  }
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Decode(this, 0, this.length);
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return utf8Decode(this, start, end);
  const enc = getEnc(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return decodeBytes(this, enc, start, end);
};
proto.toLocaleString = proto.toString;

proto.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('argument', 'string', string);
  }
  if (offset === undefined) return utf8Write(string, this, 0, this.length);
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return utf8Write(string, this, offset, length);
  const enc = getEnc(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return writeString(string, enc, this, offset, length);
};

proto.toJSON = function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = this.length;
  if (len !== otherBuffer.length) return false;
  for (let i = 0; i < len; i++) if (this[i] !== otherBuffer[i]) return false;
  return true;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  if (sourceStart > this.length) {
    throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
  }
  if (targetStart > target.length) {
    throw new ERR_OUT_OF_RANGE('targetStart', `>= 0 && <= ${target.length}`, targetStart);
  }
  return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return n % 1 === 0 ? n : Math.floor(n);
  }
  return defaultVal;
}

function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) {
    sourceEnd = sourceStart + target.length - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  target.set(source, targetStart);
  return nb;
}

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(this)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], this);
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = this.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyActual(this, target, targetStart, sourceStart, sourceEnd);
};

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

// subarray and Node's buf.slice (also a view, not a copy): one body, each with its own name.
function makeView(name) {
  return {
    [name](start, end) {
      const srcLength = this.length;
      // In-range integers (the usual call) need no adjusting.
      if (!(start >= 0 && start <= srcLength && (start | 0) === start)) {
        start = adjustOffset(start, srcLength);
      }
      if (end === undefined) end = srcLength;
      else if (!(end >= 0 && end <= srcLength && (end | 0) === end)) {
        end = adjustOffset(end, srcLength);
      }
      const newLength = end > start ? end - start : 0;
      return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
    },
  }[name];
}
proto.subarray = makeView('subarray');
proto.slice = makeView('slice');

// ---- fill -----------------------------------------------------------------

function _fill(buf, value, offset, end, encoding) {
  let enc;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    if (encoding !== undefined && typeof encoding !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
    }
    enc = encoding === undefined ? 'utf8' : normalizeEncoding(encoding);
    if (enc === undefined || encoding === '') throw new ERR_UNKNOWN_ENCODING(encoding);
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1) {
      if (enc === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (enc === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
  } else {
    enc = undefined;
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }

  if (typeof value === 'number') {
    const byteLen = buf.byteLength;
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    Uint8Array.prototype.fill.call(buf, value & 255, offset, end);
    return buf;
  }
  if (typeof value === 'boolean') {
    Uint8Array.prototype.fill.call(buf, +value, offset, end);
    return buf;
  }
  let bytes;
  if (typeof value === 'string') {
    bytes = encodeString(value, enc);
  } else if (isArrayBufferView(value)) {
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else {
    Uint8Array.prototype.fill.call(buf, Number(value) & 255, offset, end);
    return buf;
  }
  if (offset > buf.length || end > buf.length) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  const n = bytes.length;
  if (n === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  if (bytes.buffer === buf.buffer) bytes = bytes.slice();
  let pos = offset;
  while (pos < end) {
    const take = Math.min(n, end - pos);
    buf.set(take === n ? bytes : bytes.subarray(0, take), pos);
    pos += take;
  }
  return buf;
}

proto.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

// ---- search ---------------------------------------------------------------

function indexOfOffset(length, offset, needleLength, isForward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (isForward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (isForward) return -1;
  return length - 1;
}

function searchBytes(hay, needle, byteOffset, dir, step) {
  const hlen = hay.length;
  const nlen = needle.length;
  let pos = indexOfOffset(hlen, byteOffset, nlen, dir);
  if (nlen === 0) return pos;
  if (hlen === 0 || pos <= -1) return -1;
  if ((dir && nlen + pos > hlen) || nlen > hlen) return -1;
  const first = needle[0];
  if (dir) {
    if (step === 2 && pos % 2 !== 0) pos++;
    for (let i = pos; i <= hlen - nlen; i += step) {
      if (hay[i] !== first) continue;
      let j = 1;
      while (j < nlen && hay[i + j] === needle[j]) j++;
      if (j === nlen) return i;
    }
  } else {
    let i = Math.min(pos, hlen - nlen);
    if (step === 2 && i % 2 !== 0) i--;
    for (; i >= 0; i -= step) {
      if (hay[i] !== first) continue;
      let j = 1;
      while (j < nlen && hay[i + j] === needle[j]) j++;
      if (j === nlen) return i;
    }
  }
  return -1;
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  if (!isUint8Array(buffer)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  byteOffset = Math.trunc(byteOffset);
  dir = !!dir;

  if (typeof val === 'number') {
    const pos = indexOfOffset(buffer.length, byteOffset, 1, dir);
    if (pos <= -1 || buffer.length === 0) return -1;
    const b = (val >>> 0) & 255;
    if (dir) return Uint8Array.prototype.indexOf.call(buffer, b, pos);
    return Uint8Array.prototype.lastIndexOf.call(buffer, b, pos);
  }
  const enc = encoding === undefined ? 'utf8' : getEnc(encoding);
  if (typeof val === 'string') {
    if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    const needle = encodeString(val, enc);
    return searchBytes(buffer, needle, byteOffset, dir, enc === 'utf16le' ? 2 : 1);
  }
  if (isUint8Array(val)) {
    return searchBytes(buffer, val, byteOffset, dir, enc === 'utf16le' ? 2 : 1);
  }
  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};
proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

// ---- swap -----------------------------------------------------------------

proto.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw new codes.ERR_INVALID_BUFFER_SIZE('16-bits');
  for (let i = 0; i < len; i += 2) {
    const t = this[i];
    this[i] = this[i + 1];
    this[i + 1] = t;
  }
  return this;
};
proto.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw new codes.ERR_INVALID_BUFFER_SIZE('32-bits');
  for (let i = 0; i < len; i += 4) {
    let t = this[i];
    this[i] = this[i + 3];
    this[i + 3] = t;
    t = this[i + 1];
    this[i + 1] = this[i + 2];
    this[i + 2] = t;
  }
  return this;
};
proto.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw new codes.ERR_INVALID_BUFFER_SIZE('64-bits');
  for (let i = 0; i < len; i += 8) {
    for (let k = 0; k < 4; k++) {
      const t = this[i + k];
      this[i + k] = this[i + 7 - k];
      this[i + 7 - k] = t;
    }
  }
  return this;
};

// ---- encoding-specific slice/write helpers (Node exposes these) -----------

function sliceFn(dec) {
  return function (start = 0, end = this.length) {
    if (start > this.length || end > this.length) throw new ERR_OUT_OF_RANGE('index', 'within buffer', end);
    return dec(this, start, end);
  };
}
function writeFn(enc) {
  return function (string, offset = 0, length = this.length - offset) {
    if (typeof string !== 'string') throw new ERR_INVALID_ARG_TYPE('argument', 'string', string);
    if (offset > this.length) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    return writeString(string, enc, this, offset, Math.min(length, this.length - offset));
  };
}
defineMethods(proto, {
  asciiSlice: sliceFn(asciiDecode),
  base64Slice: sliceFn((b, s, e) => bytesToBase64(b, s, e, false)),
  base64urlSlice: sliceFn((b, s, e) => bytesToBase64(b, s, e, true)),
  latin1Slice: sliceFn(latin1Decode),
  hexSlice: sliceFn(bytesToHex),
  ucs2Slice: sliceFn(utf16leDecode),
  utf8Slice: sliceFn(utf8Decode),
  asciiWrite: writeFn('ascii'),
  base64Write: writeFn('base64'),
  base64urlWrite: writeFn('base64url'),
  latin1Write: writeFn('latin1'),
  hexWrite: writeFn('hex'),
  ucs2Write: writeFn('utf16le'),
  utf8Write: writeFn('utf8'),
});

// ---- deprecated accessors -------------------------------------------------

Object.defineProperty(proto, 'parent', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
});

// ---- numeric read/write ---------------------------------------------------

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type || 'offset');
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// Validates that bytes [offset, offset + size) are inside buf.
function checkRead(buf, offset, size) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) {
    boundsError(offset, buf.length - size);
  }
}

function checkIntValue(value, min, max, size) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (size > 4) {
      if (min === 0 || min === 0n) {
        range = `>= 0${n} and < 2${n} ** ${size * 8}${n}`;
      } else {
        range = `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`;
      }
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
}

function checkWrite(buf, value, offset, min, max, size) {
  if (size === 1) {
    validateNumber(offset, 'offset');
    checkIntValue(value, min, max, size);
    if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
    return;
  }
  checkIntValue(value, min, max, size);
  checkRead(buf, offset, size);
}

// Unsigned little/big-endian byte reads for 1..6 bytes (exact as doubles).
function readUnsigned(buf, offset, size, le) {
  let val = 0;
  let mul = 1;
  if (le) {
    for (let i = 0; i < size; i++) {
      val += buf[offset + i] * mul;
      mul *= 256;
    }
  } else {
    for (let i = size - 1; i >= 0; i--) {
      val += buf[offset + i] * mul;
      mul *= 256;
    }
  }
  return val;
}

function writeUnsigned(buf, value, offset, size, le) {
  // value is an integer-valued double within the checked range (may be negative)
  let v = value;
  if (v < 0) v += 2 ** (size * 8);
  if (le) {
    for (let i = 0; i < size; i++) {
      buf[offset + i] = v % 256;
      v = Math.floor(v / 256);
    }
  } else {
    for (let i = size - 1; i >= 0; i--) {
      buf[offset + i] = v % 256;
      v = Math.floor(v / 256);
    }
  }
  return offset + size;
}

function makeReadUInt(size, le) {
  return function (offset = 0) {
    checkRead(this, offset, size);
    return readUnsigned(this, offset, size, le);
  };
}
function makeReadInt(size, le) {
  const limit = 2 ** (size * 8 - 1);
  const full = 2 ** (size * 8);
  return function (offset = 0) {
    checkRead(this, offset, size);
    const v = readUnsigned(this, offset, size, le);
    return v >= limit ? v - full : v;
  };
}
// Writers: core(buf, value, offset) without defaults; the public methods default offset.
function makeWriteCore(size, le, min, max) {
  return function (buf, value, offset) {
    value = +value;
    checkWrite(buf, value, offset, min, max, size);
    return writeUnsigned(buf, Math.trunc(value), offset, size, le);
  };
}
function publicWrite(core) {
  return function (value, offset = 0) {
    return core(this, value, offset);
  };
}

const readers = {};
const writers = {};
for (const size of [1, 2, 3, 4, 5, 6]) {
  for (const le of [true, false]) {
    readers[`u${size}${le}`] = makeReadUInt(size, le);
    readers[`i${size}${le}`] = makeReadInt(size, le);
    writers[`u${size}${le}`] = makeWriteCore(size, le, 0, 2 ** (size * 8) - 1);
    writers[`i${size}${le}`] =
      makeWriteCore(size, le, -(2 ** (size * 8 - 1)), 2 ** (size * 8 - 1) - 1);
  }
}

function makeVarRead(signed, le) {
  return function (offset, byteLength) {
    if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    const fn = readers[`${signed ? 'i' : 'u'}${byteLength}${le}`];
    if (typeof byteLength === 'number' && byteLength >= 1 && byteLength <= 6 &&
        Number.isInteger(byteLength) && fn) {
      return fn.call(this, offset);
    }
    boundsError(byteLength, 6, 'byteLength');
  };
}
function makeVarWrite(signed, le) {
  return function (value, offset, byteLength) {
    const fn = writers[`${signed ? 'i' : 'u'}${byteLength}${le}`];
    if (typeof byteLength === 'number' && Number.isInteger(byteLength) && fn) {
      return fn(this, value, offset);
    }
    boundsError(byteLength, 6, 'byteLength');
  };
}

// float/double via a shared scratch buffer
const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32b = new Uint8Array(f32.buffer);
const f64b = new Uint8Array(f64.buffer);
const hostLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function makeReadFloat(size, le) {
  const arr = size === 4 ? f32 : f64;
  const bytes = size === 4 ? f32b : f64b;
  const direct = le === hostLE;
  return function (offset = 0) {
    checkRead(this, offset, size);
    for (let i = 0; i < size; i++) bytes[direct ? i : size - 1 - i] = this[offset + i];
    return arr[0];
  };
}
function makeWriteFloat(size, le) {
  const arr = size === 4 ? f32 : f64;
  const bytes = size === 4 ? f32b : f64b;
  const direct = le === hostLE;
  return function (val, offset = 0) {
    val = +val;
    checkRead(this, offset, size);
    arr[0] = val;
    for (let i = 0; i < size; i++) this[offset + i] = bytes[direct ? i : size - 1 - i];
    return offset + size;
  };
}

function readBig(buf, offset, le) {
  checkRead(buf, offset, 8);
  let hi;
  let lo;
  if (le) {
    lo = readUnsigned(buf, offset, 4, true);
    hi = readUnsigned(buf, offset + 4, 4, true);
  } else {
    hi = readUnsigned(buf, offset, 4, false);
    lo = readUnsigned(buf, offset + 4, 4, false);
  }
  return (BigInt(hi) << 32n) + BigInt(lo);
}

function writeBig(buf, value, offset, min, max, le) {
  checkIntValue(value, min, max, 8);
  checkRead(buf, offset, 8);
  const v = value & 0xffffffffffffffffn;
  const lo = Number(v & 0xffffffffn);
  const hi = Number(v >> 32n);
  if (le) {
    writeUnsigned(buf, lo, offset, 4, true);
    writeUnsigned(buf, hi, offset + 4, 4, true);
  } else {
    writeUnsigned(buf, hi, offset, 4, false);
    writeUnsigned(buf, lo, offset + 4, 4, false);
  }
  return offset + 8;
}

const numeric = {
  readUInt8: readers.u1true,
  readUInt16LE: readers.u2true,
  readUInt16BE: readers.u2false,
  readUInt32LE: readers.u4true,
  readUInt32BE: readers.u4false,
  readInt8: readers.i1true,
  readInt16LE: readers.i2true,
  readInt16BE: readers.i2false,
  readInt32LE: readers.i4true,
  readInt32BE: readers.i4false,
  readUIntLE: makeVarRead(false, true),
  readUIntBE: makeVarRead(false, false),
  readIntLE: makeVarRead(true, true),
  readIntBE: makeVarRead(true, false),
  readFloatLE: makeReadFloat(4, true),
  readFloatBE: makeReadFloat(4, false),
  readDoubleLE: makeReadFloat(8, true),
  readDoubleBE: makeReadFloat(8, false),
  readBigUInt64LE(offset = 0) {
    return readBig(this, offset, true);
  },
  readBigUInt64BE(offset = 0) {
    return readBig(this, offset, false);
  },
  readBigInt64LE(offset = 0) {
    return BigInt.asIntN(64, readBig(this, offset, true));
  },
  readBigInt64BE(offset = 0) {
    return BigInt.asIntN(64, readBig(this, offset, false));
  },
  writeUInt8: publicWrite(writers.u1true),
  writeUInt16LE: publicWrite(writers.u2true),
  writeUInt16BE: publicWrite(writers.u2false),
  writeUInt32LE: publicWrite(writers.u4true),
  writeUInt32BE: publicWrite(writers.u4false),
  writeInt8: publicWrite(writers.i1true),
  writeInt16LE: publicWrite(writers.i2true),
  writeInt16BE: publicWrite(writers.i2false),
  writeInt32LE: publicWrite(writers.i4true),
  writeInt32BE: publicWrite(writers.i4false),
  writeUIntLE: makeVarWrite(false, true),
  writeUIntBE: makeVarWrite(false, false),
  writeIntLE: makeVarWrite(true, true),
  writeIntBE: makeVarWrite(true, false),
  writeFloatLE: makeWriteFloat(4, true),
  writeFloatBE: makeWriteFloat(4, false),
  writeDoubleLE: makeWriteFloat(8, true),
  writeDoubleBE: makeWriteFloat(8, false),
  writeBigUInt64LE(value, offset = 0) {
    return writeBig(this, value, offset, 0n, 0xffffffffffffffffn, true);
  },
  writeBigUInt64BE(value, offset = 0) {
    return writeBig(this, value, offset, 0n, 0xffffffffffffffffn, false);
  },
  writeBigInt64LE(value, offset = 0) {
    return writeBig(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, true);
  },
  writeBigInt64BE(value, offset = 0) {
    return writeBig(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, false);
  },
};
// lower-case "Uint" aliases
for (const name of Object.keys(numeric)) {
  if (name.includes('UInt')) numeric[name.replace('UInt', 'Uint')] = numeric[name];
}
defineMethods(proto, numeric);

// ---- inspect --------------------------------------------------------------

proto[customInspectSymbol] = function inspect(recurseTimes, ctx, inspectFn) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = '';
  for (let i = 0; i < actualMax; i++) {
    if (i > 0) str += ' ';
    const b = this[i];
    str += (b < 16 ? '0' : '') + b.toString(16);
  }
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx && typeof inspectFn === 'function') {
    const keys = ctx.showHidden ? Object.getOwnPropertyNames(this) : Object.keys(this);
    const obj = { __proto__: null };
    let extras = false;
    for (const key of keys) {
      if (/^(0|[1-9][0-9]*)$/.test(key)) continue;
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      if (this.length !== 0) str += ', ';
      const shown = inspectFn(obj, { ...ctx, breakLength: Infinity, compact: true });
      str += shown.replace(/^\[Object: null prototype\] \{\s*/, '').replace(/\s*\}$/, '');
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
proto.inspect = proto[customInspectSymbol];

// ---------------------------------------------------------------------------
// isUtf8 / isAscii / transcode

export function isUtf8(input) {
  if (isTypedArray(input) || isArrayBufferView(input)) {
    return isValidUtf8(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  }
  if (isAnyArrayBuffer(input)) return isValidUtf8(new Uint8Array(input));
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

export function isAscii(input) {
  if (isTypedArray(input) || isArrayBufferView(input)) {
    return isAsciiBytes(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  }
  if (isAnyArrayBuffer(input)) return isAsciiBytes(new Uint8Array(input));
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

const transcodeEncodings = { utf8: 'utf8', latin1: 'latin1', ascii: 'ascii', utf16le: 'utf16le' };
export function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return Buffer.alloc(0);
  const from = transcodeEncodings[normalizeEncoding(fromEncoding) || ''];
  const to = transcodeEncodings[normalizeEncoding(toEncoding) || ''];
  if (from === undefined || to === undefined) {
    const err = new Error(`Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]`);
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  let str = decodeBytes(source, from, 0, source.length);
  if (to === 'ascii' || to === 'latin1') {
    // characters outside the target repertoire become '?'
    const lim = to === 'ascii' ? 0x7f : 0xff;
    let out = '';
    for (const ch of str) out += ch.codePointAt(0) > lim ? '?' : ch;
    str = out;
  }
  return Buffer.from(str, to);
}

// ---------------------------------------------------------------------------
// atob / btoa

function invalidCharacterError(message) {
  if (typeof globalThis.DOMException === 'function') {
    return new globalThis.DOMException(message, 'InvalidCharacterError');
  }
  const err = new Error(message);
  err.name = 'InvalidCharacterError';
  Object.defineProperty(err, 'code', { value: 5, enumerable: false, configurable: true, writable: true });
  return err;
}

function isAsciiWhitespace(c) {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}
function isBase64Char(c) {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2b || c === 0x2f;
}

export function atob(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  input = `${input}`;
  let count = 0;
  let equals = 0;
  for (let n = 0; n < input.length; n++) {
    const c = input.charCodeAt(n);
    if (isAsciiWhitespace(c)) continue;
    if (c === 0x3d) {
      count++;
      equals++;
      if (equals > 2) throw invalidCharacterError('Invalid character');
    } else if (isBase64Char(c)) {
      if (equals) throw invalidCharacterError('Invalid character');
      count++;
    } else {
      throw invalidCharacterError('Invalid character');
    }
  }
  let rem = count % 4;
  if (!rem) {
    rem = (count - equals) % 4;
  } else if (equals) {
    throw invalidCharacterError('Invalid character');
  }
  if (rem === 1) {
    throw invalidCharacterError('The string to be decoded is not correctly encoded.');
  }
  return Buffer.from(input, 'base64').toString('latin1');
}

export function btoa(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw invalidCharacterError('Invalid character');
  }
  return Buffer.from(input, 'latin1').toString('base64');
}

// ---------------------------------------------------------------------------
// Blob / File

const kBytes = Symbol('kBytes');
const kType = Symbol('kType');

function blobPartBytes(part, endings) {
  if (typeof part === 'string') {
    if (endings === 'native') part = part.replace(/\r?\n/g, '\n');
    return encodeString(part, 'utf8');
  }
  if (part instanceof Blob) return part[kBytes];
  if (isAnyArrayBuffer(part)) return new Uint8Array(part.slice(0));
  if (isArrayBufferView(part)) {
    return new Uint8Array(part.buffer, part.byteOffset, part.byteLength).slice();
  }
  return encodeString(`${part}`, 'utf8');
}

function normalizeType(type) {
  type = `${type}`;
  for (let i = 0; i < type.length; i++) {
    const c = type.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return '';
  }
  return type.toLowerCase();
}

export class Blob {
  constructor(sources = [], options) {
    if (sources === null || typeof sources !== 'object' ||
        typeof sources[Symbol.iterator] !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    if (options !== undefined && (options === null || typeof options !== 'object') &&
        typeof options !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const { type = '', endings = 'transparent' } = options ?? {};
    if (endings !== 'transparent' && endings !== 'native') {
      throw new ERR_INVALID_ARG_VALUE('options.endings', endings);
    }
    const parts = [];
    let size = 0;
    for (const part of sources) {
      const bytes = blobPartBytes(part, `${endings}`);
      parts.push(bytes);
      size += bytes.length;
    }
    const all = new Uint8Array(size);
    let pos = 0;
    for (const p of parts) {
      all.set(p, pos);
      pos += p.length;
    }
    this[kBytes] = all;
    this[kType] = normalizeType(type);
  }

  get size() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    return this[kBytes].length;
  }

  get type() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    return this[kType];
  }

  slice(start = 0, end = this[kBytes].length, contentType = '') {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    const size = this[kBytes].length;
    start = Math.trunc(+start) || 0;
    end = Math.trunc(+end) || 0;
    if (start < 0) start = Math.max(size + start, 0);
    else start = Math.min(start, size);
    if (end < 0) end = Math.max(size + end, 0);
    else end = Math.min(end, size);
    const blob = new Blob();
    blob[kBytes] = this[kBytes].slice(start, Math.max(start, end));
    blob[kType] = normalizeType(contentType);
    return blob;
  }

  async text() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    return utf8Decode(this[kBytes], 0, this[kBytes].length);
  }

  async arrayBuffer() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    const b = this[kBytes];
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }

  async bytes() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    return this[kBytes].slice();
  }

  stream() {
    if (!(this instanceof Blob)) throw new codes.ERR_INVALID_THIS('Blob');
    const RS = globalThis.ReadableStream;
    if (typeof RS !== 'function') throw new ERR_INVALID_STATE('ReadableStream is not available');
    const bytes = this[kBytes].slice();
    return new RS({
      type: 'bytes',
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  get [Symbol.toStringTag]() {
    return 'Blob';
  }

  [customInspectSymbol](depth, options, inspectFn) {
    const data = { size: this.size, type: this.type };
    if (typeof inspectFn === 'function') return `Blob ${inspectFn(data, options)}`;
    return `Blob { size: ${data.size}, type: '${data.type}' }`;
  }
}

const kName = Symbol('kName');
const kLastModified = Symbol('kLastModified');

export class File extends Blob {
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    const { lastModified } = options ?? {};
    let lm;
    if (lastModified !== undefined) {
      lm = +lastModified;
      if (Number.isNaN(lm)) lm = 0;
      lm = Math.trunc(lm);
    } else {
      lm = Date.now();
    }
    this[kName] = `${fileName}`;
    this[kLastModified] = lm;
  }

  get name() {
    if (!(this instanceof File)) throw new codes.ERR_INVALID_THIS('File');
    return this[kName];
  }

  get lastModified() {
    if (!(this instanceof File)) throw new codes.ERR_INVALID_THIS('File');
    return this[kLastModified];
  }

  get [Symbol.toStringTag]() {
    return 'File';
  }

  [customInspectSymbol](depth, options, inspectFn) {
    const data = { size: this.size, type: this.type, name: this.name, lastModified: this.lastModified };
    if (typeof inspectFn === 'function') return `File ${inspectFn(data, options)}`;
    return `File { size: ${data.size}, type: '${data.type}', name: '${data.name}', lastModified: ${data.lastModified} }`;
  }
}

export function resolveObjectURL() {
  return undefined;
}

// ---------------------------------------------------------------------------

export default {
  Buffer,
  SlowBuffer,
  Blob,
  File,
  atob,
  btoa,
  constants,
  kMaxLength,
  kStringMaxLength,
  isUtf8,
  isAscii,
  transcode,
  resolveObjectURL,
  get INSPECT_MAX_BYTES() {
    return INSPECT_MAX_BYTES;
  },
  set INSPECT_MAX_BYTES(val) {
    validateNumber(val, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = val;
  },
};

