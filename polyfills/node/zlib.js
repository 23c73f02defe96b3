// node:zlib — deflate/inflate/gzip/gunzip/raw/unzip and brotli, in sync, callback, promise-less
// and stream forms, over flate2 (zlib-rs) and brotli in Rust (runtime/src/ops/zlib.rs). Errors
// carry zlib's message, `code` ('Z_DATA_ERROR', ...) and `errno` as in Node.
import {
  op_zlib_process, op_zlib_process_sync, op_zlib_new, op_zlib_write, op_zlib_reset, op_zlib_free,
  op_zlib_crc32,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import { Transform } from 'node:stream';
import { codes as errorCodes, nodeError } from '../internal/errors.js';
import { validateFunction, validateObject } from '../internal/validators.js';

const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } = errorCodes;

export const constants = Object.freeze({
  __proto__: null,
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3,
  GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0,
  BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
  BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
  BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
  BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
  BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4,
  BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7,
  BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31,
});

export const codes = Object.freeze({
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  0: 'Z_OK', 1: 'Z_STREAM_END', 2: 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
  '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
});

const kBrotliErrno = { ERR__ERROR_FORMAT_PADDING_1: -14 };

// An op error in Node's zlib shape: a plain Error with `errno` and `code`.
function zlibError(err) {
  const code = err?.code;
  if (typeof code !== 'string') return err;
  let errno;
  if (code.startsWith('Z_')) errno = constants[code];
  else if (code.startsWith('ERR__')) errno = kBrotliErrno[code] ?? -1;
  else return err;
  const e = new Error(err.message);
  e.errno = errno;
  e.code = code;
  return e;
}

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function inputBytes(buffer) {
  if (typeof buffer === 'string') return Buffer.from(buffer);
  if (buffer instanceof Uint8Array) return buffer;
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
}

function checkRange(opts, key, min, max, def) {
  const v = opts?.[key];
  if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return def;
  if (typeof v !== 'number') throw new ERR_INVALID_ARG_TYPE(`options.${key}`, 'number', v);
  if (!Number.isFinite(v)) throw new ERR_OUT_OF_RANGE(`options.${key}`, 'a finite number', v);
  if (v < min || v > max) throw new ERR_OUT_OF_RANGE(`options.${key}`, `>= ${min} and <= ${max}`, v);
  return v;
}

const brotliModes = new Set(['brotliCompress', 'brotliDecompress']);

// [level, windowBits, quality, lgwin] for the op, validated like Node.
function opOptions(mode, opts) {
  if (opts !== undefined && opts !== null) validateObject(opts, 'options');
  checkRange(opts, 'chunkSize', 64, Infinity, 16384);
  if (brotliModes.has(mode)) {
    let quality = 11;
    let lgwin = 22;
    const params = opts?.params;
    if (params !== undefined) {
      validateObject(params, 'options.params');
      for (const key of Object.keys(params)) {
        const k = Number(key);
        const v = params[key];
        if (!(k >= 0 && k <= 8) || typeof v !== 'number') {
          throw nodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${key} is not a valid Brotli parameter`);
        }
        if (k === constants.BROTLI_PARAM_QUALITY) quality = v;
        if (k === constants.BROTLI_PARAM_LGWIN) lgwin = v;
      }
    }
    if (!(quality >= 0 && quality <= 11) || !(lgwin >= 10 && lgwin <= 24)) {
      throw nodeError(Error, 'ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed');
    }
    return [-1, 15, quality, lgwin, opts?.finishFlush ?? NaN];
  }
  const level = checkRange(opts, 'level', -1, 9, -1);
  let windowBits = checkRange(opts, 'windowBits', 8, 15, 15);
  if (windowBits === 8) windowBits = 9;
  checkRange(opts, 'memLevel', 1, 9, 8);
  checkRange(opts, 'strategy', 0, 4, 0);
  return [level, windowBits, 11, 22, opts?.finishFlush ?? NaN];
}

function maxOutput(opts, buf) {
  const max = opts?.maxOutputLength;
  if (max !== undefined && buf.length > max) {
    throw nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${max} bytes`);
  }
  return buf;
}

function syncFn(mode) {
  return {
    [`${mode}Sync`](buffer, opts) {
      const data = inputBytes(buffer);
      const o = opOptions(mode, opts);
      let out;
      try {
        out = op_zlib_process_sync(mode, o, data);
      } catch (err) {
        throw zlibError(err);
      }
      const buf = maxOutput(opts, toBuffer(out));
      return opts?.info ? { buffer: buf, engine: undefined } : buf;
    },
  }[`${mode}Sync`];
}

function asyncFn(mode) {
  return {
    [mode](buffer, opts, callback) {
      if (typeof opts === 'function') {
        callback = opts;
        opts = {};
      }
      validateFunction(callback, 'callback');
      const data = inputBytes(buffer);
      const o = opOptions(mode, opts);
      op_zlib_process(mode, o, data).then((u8) => {
        let buf;
        try {
          buf = maxOutput(opts, toBuffer(u8));
        } catch (err) {
          callback(err);
          return;
        }
        callback(null, buf);
      }, (err) => callback(zlibError(err)));
    },
  }[mode];
}

export const deflate = asyncFn('deflate');
export const deflateSync = syncFn('deflate');
export const inflate = asyncFn('inflate');
export const inflateSync = syncFn('inflate');
export const gzip = asyncFn('gzip');
export const gzipSync = syncFn('gzip');
export const gunzip = asyncFn('gunzip');
export const gunzipSync = syncFn('gunzip');
export const deflateRaw = asyncFn('deflateRaw');
export const deflateRawSync = syncFn('deflateRaw');
export const inflateRaw = asyncFn('inflateRaw');
export const inflateRawSync = syncFn('inflateRaw');
export const unzip = asyncFn('unzip');
export const unzipSync = syncFn('unzip');
export const brotliCompress = asyncFn('brotliCompress');
export const brotliCompressSync = syncFn('brotliCompress');
export const brotliDecompress = asyncFn('brotliDecompress');
export const brotliDecompressSync = syncFn('brotliDecompress');

/** `zlib.crc32(data[, value])`: CRC-32 of a string (UTF-8) or bytes, continuing from `value`. */
export function crc32(data, value = 0) {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  }
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE('value', 'number', value);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new ERR_OUT_OF_RANGE('value', `>= 0 && <= ${0xffffffff}`, value);
  }
  return op_zlib_crc32(typeof data === 'string' ? data : inputBytes(data), value);
}

// ---- streams ----------------------------------------------------------------------------------

const kHandle = Symbol('kHandle');
const kMode = Symbol('kMode');
const kFinishFlag = Symbol('kFinishFlag');
const kFlushBuffers = new Map();

function flushBuffer(kind) {
  let b = kFlushBuffers.get(kind);
  if (b === undefined) {
    b = Buffer.alloc(0);
    kFlushBuffers.set(kind, b);
  }
  return b;
}

const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(op_zlib_free) : null;

function ZlibBase(mode, opts) {
  const o = opOptions(mode, opts);
  Transform.call(this, { ...opts, autoDestroy: true });
  this[kMode] = mode;
  this[kHandle] = op_zlib_new(mode, o);
  registry?.register(this, this[kHandle]);
  const brotli = brotliModes.has(mode);
  this[kFinishFlag] = brotli ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH;
  this._defaultFlushFlag = opts?.flush ?? (brotli ? constants.BROTLI_OPERATION_PROCESS : constants.Z_NO_FLUSH);
  this._finishFlushFlag = opts?.finishFlush ?? this[kFinishFlag];
  this._defaultFullFlushFlag = brotli ? constants.BROTLI_OPERATION_FLUSH : constants.Z_FULL_FLUSH;
  this.bytesWritten = 0;
  this._maxOutputLength = opts?.maxOutputLength ?? Infinity;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

ZlibBase.prototype._processChunk = function _processChunk(chunk, flag) {
  const out = op_zlib_write(this[kHandle], chunk, flag);
  this.bytesWritten += chunk.byteLength;
  return out;
};

ZlibBase.prototype._transform = function _transform(chunk, encoding, callback) {
  let flag = this._defaultFlushFlag;
  for (const [kind, b] of kFlushBuffers) {
    if (b === chunk) flag = kind;
  }
  if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
  let out;
  try {
    if (this[kHandle] === 0) throw nodeError(Error, 'ERR_ZLIB_CLOSED', 'zlib binding closed');
    out = this._processChunk(chunk, flag);
  } catch (err) {
    callback(zlibError(err));
    return;
  }
  if (out.byteLength > 0) this.push(toBuffer(out));
  callback();
};

ZlibBase.prototype._flush = function _flush(callback) {
  let out;
  try {
    out = op_zlib_write(this[kHandle], new Uint8Array(0), this._finishFlushFlag);
  } catch (err) {
    callback(zlibError(err));
    return;
  }
  if (out.byteLength > 0) this.push(toBuffer(out));
  callback();
};

ZlibBase.prototype._destroy = function _destroy(err, callback) {
  if (this[kHandle] !== 0) {
    op_zlib_free(this[kHandle]);
    this[kHandle] = 0;
  }
  callback(err);
};

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === 'function' || kind === undefined) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }
  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once('end', callback);
  } else {
    this.write(flushBuffer(kind), '', callback);
  }
};

ZlibBase.prototype.reset = function reset() {
  op_zlib_reset(this[kHandle]);
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) this.once('close', callback);
  this.destroy();
};

ZlibBase.prototype.params = function params(level, strategy, callback) {
  checkRange({ level }, 'level', -1, 9, -1);
  checkRange({ strategy }, 'strategy', 0, 4, 0);
  this.flush(constants.Z_SYNC_FLUSH, callback);
};

Object.defineProperty(ZlibBase.prototype, '_handle', {
  get() { return this[kHandle] === 0 ? null : this[kHandle]; },
  configurable: true,
});

function streamClass(name, mode) {
  const C = {
    [name]: function (opts) { // eslint-disable-line func-names
      if (!(this instanceof C)) return new C(opts);
      ZlibBase.call(this, mode, opts);
    },
  }[name];
  Object.setPrototypeOf(C.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(C, ZlibBase);
  return C;
}

export const Deflate = streamClass('Deflate', 'deflate');
export const Inflate = streamClass('Inflate', 'inflate');
export const Gzip = streamClass('Gzip', 'gzip');
export const Gunzip = streamClass('Gunzip', 'gunzip');
export const DeflateRaw = streamClass('DeflateRaw', 'deflateRaw');
export const InflateRaw = streamClass('InflateRaw', 'inflateRaw');
export const Unzip = streamClass('Unzip', 'unzip');
export const BrotliCompress = streamClass('BrotliCompress', 'brotliCompress');
export const BrotliDecompress = streamClass('BrotliDecompress', 'brotliDecompress');

export const createDeflate = (o) => new Deflate(o);
export const createInflate = (o) => new Inflate(o);
export const createGzip = (o) => new Gzip(o);
export const createGunzip = (o) => new Gunzip(o);
export const createDeflateRaw = (o) => new DeflateRaw(o);
export const createInflateRaw = (o) => new InflateRaw(o);
export const createUnzip = (o) => new Unzip(o);
export const createBrotliCompress = (o) => new BrotliCompress(o);
export const createBrotliDecompress = (o) => new BrotliDecompress(o);

// Legacy aliases Node still exports.
const legacyConstants = {};
for (const k of Object.keys(constants)) {
  if (k.startsWith('Z_') || k === 'DEFLATE' || k === 'INFLATE' || k === 'GZIP' || k === 'GUNZIP' ||
      k === 'DEFLATERAW' || k === 'INFLATERAW' || k === 'UNZIP') {
    legacyConstants[k] = constants[k];
  }
}


const zlib = {
  constants, codes, deflate, deflateSync, inflate, inflateSync, gzip, gzipSync, gunzip, gunzipSync,
  deflateRaw, deflateRawSync, inflateRaw, inflateRawSync, unzip, unzipSync, brotliCompress,
  brotliCompressSync, brotliDecompress, brotliDecompressSync, Deflate, Inflate, Gzip, Gunzip,
  DeflateRaw, InflateRaw, Unzip, BrotliCompress, BrotliDecompress, createDeflate, createInflate,
  createGzip, createGunzip, createDeflateRaw, createInflateRaw, createUnzip, createBrotliCompress,
  createBrotliDecompress, crc32, ...legacyConstants,
};

export default zlib;
