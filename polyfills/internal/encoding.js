// Byte <-> string codecs over Uint8Array, shared by node:buffer and the WHATWG
// TextEncoder/TextDecoder. Semantics follow Node 20's Buffer encodings.
//
// The common paths are native ops (engine/bind_buffer.rs, ops/buffer.rs): they read the
// string's bytes in place and write into the target view. The JS codecs below remain for
// what the ops do not cover (views other than Uint8Array, fatal/streaming UTF-8,
// encodeInto's `read`). JS decoders build strings in chunks of CHUNK code units via
// String.fromCharCode.apply over typed-array views, never per-char concatenation.

import { ERR_ENCODING_INVALID_ENCODED_DATA } from './errors.js';
import { op_buf_byte_length, op_buf_write, op_buf_decode } from 'atoll:ops';

// Encoding numbers of the ops (ops::buffer::Enc::from_code).
const OP_UTF8 = 0;
const OP_LATIN1 = 1;
const OP_ASCII = 2;
const OP_HEX = 3;
const OP_BASE64 = 4;
const OP_BASE64URL = 5;

const CHUNK = 0x2000;
const fromCharCode = String.fromCharCode;

// ---------------------------------------------------------------------------
// helpers

function codeUnitsToString(units, n) {
  // units: Uint16Array scratch buffer holding n code units
  return fromCharCode.apply(null, n === units.length ? units : units.subarray(0, n));
}

let scratch = null;
function getScratch() {
  if (scratch === null) scratch = new Uint16Array(CHUNK + 4);
  return scratch;
}

// Decode bytes [start, end) one byte per code unit, masked with `mask`.
function bytesToString(bytes, start, end, mask) {
  if (start >= end) return '';
  if (mask === 0xff) {
    if (end - start <= CHUNK) return fromCharCode.apply(null, bytes.subarray(start, end));
    let out = '';
    for (let i = start; i < end; i += CHUNK) {
      out += fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, end)));
    }
    return out;
  }
  const buf = getScratch();
  let out = '';
  let n = 0;
  for (let i = start; i < end; i++) {
    buf[n++] = bytes[i] & mask;
    if (n === CHUNK) {
      out += codeUnitsToString(buf, n);
      n = 0;
    }
  }
  if (n > 0) out += codeUnitsToString(buf, n);
  return out;
}

// ---------------------------------------------------------------------------
// UTF-8

// UTF-8 length; a lone surrogate counts as U+FFFD (3 bytes).
export function utf8ByteLength(str) {
  return op_buf_byte_length(str);
}

// utf8Write without `utf8LastRead`: Buffer's write path.
export function utf8WriteBytes(str, buf, offset = 0, max = buf.length - offset) {
  const n = op_buf_write(str, buf, offset, max, OP_UTF8);
  return n === undefined ? utf8Write(str, buf, offset, max) : n;
}

// Number of UTF-16 code units consumed by the last utf8Write call.
export let utf8LastRead = 0;

// Write `str` as UTF-8 into `buf` starting at `offset`, at most `max` bytes.
// Never writes a partial character. Returns bytes written; sets utf8LastRead.
export function utf8Write(str, buf, offset = 0, max = buf.length - offset) {
  const len = str.length;
  let p = offset;
  const end = offset + max;
  let i = 0;
  for (; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (p >= end) break;
      buf[p++] = c;
      continue;
    }
    if (c < 0x800) {
      if (p + 2 > end) break;
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < len) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          if (p + 4 > end) break;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[p++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
      }
      c = 0xfffd; // lone surrogate
    }
    if (p + 3 > end) break;
    buf[p++] = 0xe0 | (c >> 12);
    buf[p++] = 0x80 | ((c >> 6) & 0x3f);
    buf[p++] = 0x80 | (c & 0x3f);
  }
  utf8LastRead = i;
  return p - offset;
}

export function utf8Encode(str) {
  const out = new Uint8Array(op_buf_byte_length(str));
  op_buf_write(str, out, 0, out.length, OP_UTF8);
  return out;
}

// Bytes at the end of [start, end) that were held back by the last streaming decode.
export let utf8LastPending = 0;

function invalidData() {
  return new ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
}

// WHATWG UTF-8 decode of bytes[start, end) with "maximal subpart" replacement.
// fatal: throw TypeError (ERR_ENCODING_INVALID_ENCODED_DATA) on invalid input.
// stream: an incomplete sequence at the very end is not decoded; its length is put in
// utf8LastPending so the caller can keep those bytes for the next chunk.
export function utf8Decode(bytes, start = 0, end = bytes.length, fatal = false, stream = false) {
  utf8LastPending = 0;
  if (start >= end) return '';
  if (!fatal && !stream) {
    const s = op_buf_decode(bytes, start, end, OP_UTF8);
    if (s !== undefined) return s;
  }
  // ASCII fast path
  let i = start;
  while (i < end && bytes[i] < 0x80) i++;
  if (i === end) return bytesToString(bytes, start, end, 0xff);
  let out = i > start ? bytesToString(bytes, start, i, 0xff) : '';

  const buf = getScratch();
  let n = 0;
  while (i < end) {
    if (n >= CHUNK) {
      out += codeUnitsToString(buf, n);
      n = 0;
    }
    const b = bytes[i];
    if (b < 0x80) {
      buf[n++] = b;
      i++;
      continue;
    }
    let need;
    let cp;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else {
      if (fatal) throw invalidData();
      buf[n++] = 0xfffd;
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++) {
      if (j >= end) {
        // truncated at end of input
        if (stream) {
          utf8LastPending = end - i;
          if (n > 0) out += codeUnitsToString(buf, n);
          return out;
        }
        ok = false;
        break;
      }
      const c = bytes[j];
      if (c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
      j++;
    }
    if (!ok) {
      if (fatal) throw invalidData();
      buf[n++] = 0xfffd;
      i = j; // the offending byte (if any) is reprocessed
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      buf[n++] = 0xd800 | (cp >> 10);
      buf[n++] = 0xdc00 | (cp & 0x3ff);
    } else {
      buf[n++] = cp;
    }
    i = j;
  }
  if (n > 0) out += codeUnitsToString(buf, n);
  return out;
}

// True when bytes[start, end) is well-formed UTF-8.
export function isValidUtf8(bytes, start = 0, end = bytes.length) {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else return false;
    if (i + need >= end) return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c < lower || c > upper) return false;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return true;
}

export function isAsciiBytes(bytes, start = 0, end = bytes.length) {
  for (let i = start; i < end; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

// ---------------------------------------------------------------------------
// latin1 / binary / ascii

export function latin1Decode(bytes, start = 0, end = bytes.length) {
  const s = op_buf_decode(bytes, start, end, OP_LATIN1);
  return s === undefined ? bytesToString(bytes, start, end, 0xff) : s;
}

export function asciiDecode(bytes, start = 0, end = bytes.length) {
  const s = op_buf_decode(bytes, start, end, OP_ASCII);
  return s === undefined ? bytesToString(bytes, start, end, 0x7f) : s;
}

// Also used for 'ascii' encoding (Node writes the low byte of each code unit).
export function latin1Write(str, buf, offset = 0, max = buf.length - offset) {
  const w = op_buf_write(str, buf, offset, max, OP_LATIN1);
  if (w !== undefined) return w;
  const n = Math.min(str.length, max);
  for (let i = 0; i < n; i++) buf[offset + i] = str.charCodeAt(i);
  return n;
}

export function latin1Encode(str) {
  const out = new Uint8Array(str.length);
  latin1Write(str, out, 0, out.length);
  return out;
}

// ---------------------------------------------------------------------------
// UTF-16LE

export function utf16leDecode(bytes, start = 0, end = bytes.length) {
  const len = (end - start) & ~1;
  const buf = getScratch();
  let out = '';
  let n = 0;
  for (let i = start, stop = start + len; i < stop; i += 2) {
    buf[n++] = bytes[i] | (bytes[i + 1] << 8);
    if (n === CHUNK) {
      out += codeUnitsToString(buf, n);
      n = 0;
    }
  }
  if (n > 0) out += codeUnitsToString(buf, n);
  return out;
}

export function utf16leWrite(str, buf, offset = 0, max = buf.length - offset) {
  const units = Math.min(str.length, max >>> 1);
  let p = offset;
  for (let i = 0; i < units; i++) {
    const c = str.charCodeAt(i);
    buf[p++] = c & 0xff;
    buf[p++] = c >>> 8;
  }
  return p - offset;
}

export function utf16leEncode(str) {
  const out = new Uint8Array(str.length * 2);
  utf16leWrite(str, out, 0, out.length);
  return out;
}

// ---------------------------------------------------------------------------
// hex

let hexCodes = null; // byte -> two ASCII hex digits packed as (hi << 8) | lo

export function bytesToHex(bytes, start = 0, end = bytes.length) {
  if (start >= end) return '';
  const s = op_buf_decode(bytes, start, end, OP_HEX);
  if (s !== undefined) return s;
  if (hexCodes === null) {
    const digits = '0123456789abcdef';
    hexCodes = new Uint16Array(256);
    for (let i = 0; i < 256; i++) {
      hexCodes[i] = (digits.charCodeAt(i >> 4) << 8) | digits.charCodeAt(i & 15);
    }
  }
  const out = new Uint8Array((end - start) * 2);
  let p = 0;
  for (let i = start; i < end; i++) {
    const v = hexCodes[bytes[i]];
    out[p++] = v >> 8;
    out[p++] = v & 0xff;
  }
  return bytesToString(out, 0, p, 0xff);
}

function unhex(c) {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

// Parse hex pairs into buf; stops at the first invalid pair (Node semantics).
export function hexWrite(str, buf, offset = 0, max = buf.length - offset) {
  const w = op_buf_write(str, buf, offset, max, OP_HEX);
  if (w !== undefined) return w;
  const n = Math.min(str.length >>> 1, max);
  let i = 0;
  for (; i < n; i++) {
    const a = unhex(str.charCodeAt(i * 2));
    const b = unhex(str.charCodeAt(i * 2 + 1));
    if (a < 0 || b < 0) break;
    buf[offset + i] = (a << 4) | b;
  }
  return i;
}

export function hexToBytes(str) {
  const out = new Uint8Array(str.length >>> 1);
  const n = hexWrite(str, out, 0, out.length);
  return n === out.length ? out : out.subarray(0, n);
}

// ---------------------------------------------------------------------------
// base64 / base64url

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let b64Codes = null;
let b64UrlCodes = null;
let unb64 = null;

function tables() {
  if (unb64 !== null) return;
  b64Codes = new Uint8Array(64);
  b64UrlCodes = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    b64Codes[i] = B64.charCodeAt(i);
    b64UrlCodes[i] = B64URL.charCodeAt(i);
  }
  unb64 = new Uint8Array(256).fill(255);
  for (let i = 0; i < 64; i++) {
    unb64[b64Codes[i]] = i;
    unb64[b64UrlCodes[i]] = i;
  }
}

// bytes -> base64 text (url: base64url alphabet without padding)
export function bytesToBase64(bytes, start = 0, end = bytes.length, url = false) {
  const len = end - start;
  if (len <= 0) return '';
  const s = op_buf_decode(bytes, start, end, url ? OP_BASE64URL : OP_BASE64);
  if (s !== undefined) return s;
  tables();
  const codes = url ? b64UrlCodes : b64Codes;
  const full = Math.floor(len / 3) * 3;
  const rem = len - full;
  const outLen = (full / 3) * 4 + (rem === 0 ? 0 : url ? rem + 1 : 4);
  const out = new Uint8Array(outLen);
  let p = 0;
  let i = start;
  const stop = start + full;
  for (; i < stop; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[p++] = codes[v >> 18];
    out[p++] = codes[(v >> 12) & 63];
    out[p++] = codes[(v >> 6) & 63];
    out[p++] = codes[v & 63];
  }
  if (rem === 1) {
    const v = bytes[i];
    out[p++] = codes[v >> 2];
    out[p++] = codes[(v & 3) << 4];
    if (!url) {
      out[p++] = 61;
      out[p++] = 61;
    }
  } else if (rem === 2) {
    const v = (bytes[i] << 8) | bytes[i + 1];
    out[p++] = codes[v >> 10];
    out[p++] = codes[(v >> 4) & 63];
    out[p++] = codes[(v & 15) << 2];
    if (!url) out[p++] = 61;
  }
  return bytesToString(out, 0, p, 0xff);
}

// Byte length Node allocates for a base64 string (upper bound of the decoded size).
export function base64ByteLength(str) {
  let n = str.length;
  if (n > 0 && str.charCodeAt(n - 1) === 61) n--;
  if (n > 1 && str.charCodeAt(n - 1) === 61) n--;
  return (n * 3) >>> 2;
}

// Lenient base64/base64url text -> bytes into buf. Both alphabets accepted; characters
// outside the alphabet are skipped; '=' ends decoding. Returns bytes written.
export function base64Write(str, buf, offset = 0, max = buf.length - offset) {
  const w = op_buf_write(str, buf, offset, max, OP_BASE64);
  if (w !== undefined) return w;
  tables();
  const len = str.length;
  let p = offset;
  const end = offset + max;
  let acc = 0;
  let k = 0; // sextets in acc
  for (let i = 0; i < len; i++) {
    const c = str.charCodeAt(i) & 0xff;
    const v = unb64[c];
    if (v === 255) {
      if (c === 61) break;
      continue;
    }
    acc = (acc << 6) | v;
    k++;
    if (k === 2) {
      if (p >= end) break;
      buf[p++] = (acc >> 4) & 0xff;
    } else if (k === 3) {
      if (p >= end) break;
      buf[p++] = (acc >> 2) & 0xff;
    } else if (k === 4) {
      if (p >= end) break;
      buf[p++] = acc & 0xff;
      acc = 0;
      k = 0;
    }
  }
  return p - offset;
}

export function base64ToBytes(str) {
  // lenient base64/base64url text -> bytes
  const out = new Uint8Array(Math.max(base64ByteLength(str), 0) + 3);
  const n = base64Write(str, out, 0, out.length);
  return out.slice(0, n);
}

// ---------------------------------------------------------------------------
// encoding names

// Returns the canonical Node encoding name or undefined.
export function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  if (typeof enc !== 'string') return undefined;
  switch (enc.length) {
    case 3:
      if (enc === 'hex' || enc.toLowerCase() === 'hex') return 'hex';
      break;
    case 4:
      if (enc === 'utf8' || enc.toLowerCase() === 'utf8') return 'utf8';
      if (enc === 'ucs2' || enc.toLowerCase() === 'ucs2') return 'utf16le';
      break;
    case 5:
      enc = enc.toLowerCase();
      if (enc === 'utf-8') return 'utf8';
      if (enc === 'ascii') return 'ascii';
      if (enc === 'ucs-2') return 'utf16le';
      break;
    case 6:
      enc = enc.toLowerCase();
      if (enc === 'latin1' || enc === 'binary') return 'latin1';
      if (enc === 'base64') return 'base64';
      break;
    case 7:
      enc = enc.toLowerCase();
      if (enc === 'utf16le') return 'utf16le';
      break;
    case 8:
      enc = enc.toLowerCase();
      if (enc === 'utf-16le') return 'utf16le';
      break;
    case 9:
      enc = enc.toLowerCase();
      if (enc === 'base64url') return 'base64url';
      break;
    default:
      if (enc === '') return 'utf8';
  }
  return undefined;
}

// Generic helpers keyed by canonical encoding name.

export function byteLengthOf(str, enc) {
  switch (enc) {
    case 'utf8':
      return utf8ByteLength(str);
    case 'utf16le':
      return str.length * 2;
    case 'latin1':
    case 'ascii':
      return str.length;
    case 'hex':
      return str.length >>> 1;
    case 'base64':
    case 'base64url':
      return base64ByteLength(str);
  }
  return utf8ByteLength(str);
}

export function encodeString(str, enc) {
  switch (enc) {
    case 'utf8':
      return utf8Encode(str);
    case 'utf16le':
      return utf16leEncode(str);
    case 'latin1':
    case 'ascii':
      return latin1Encode(str);
    case 'hex':
      return hexToBytes(str);
    case 'base64':
    case 'base64url':
      return base64ToBytes(str);
  }
  return utf8Encode(str);
}

export function writeString(str, enc, buf, offset, max) {
  switch (enc) {
    case 'utf8':
      return utf8WriteBytes(str, buf, offset, max);
    case 'utf16le':
      return utf16leWrite(str, buf, offset, max);
    case 'latin1':
    case 'ascii':
      return latin1Write(str, buf, offset, max);
    case 'hex':
      return hexWrite(str, buf, offset, max);
    case 'base64':
    case 'base64url':
      return base64Write(str, buf, offset, max);
  }
  return utf8WriteBytes(str, buf, offset, max);
}

export function decodeBytes(bytes, enc, start, end) {
  switch (enc) {
    case 'utf8':
      return utf8Decode(bytes, start, end);
    case 'utf16le':
      return utf16leDecode(bytes, start, end);
    case 'latin1':
      return latin1Decode(bytes, start, end);
    case 'ascii':
      return asciiDecode(bytes, start, end);
    case 'hex':
      return bytesToHex(bytes, start, end);
    case 'base64':
      return bytesToBase64(bytes, start, end, false);
    case 'base64url':
      return bytesToBase64(bytes, start, end, true);
  }
  return utf8Decode(bytes, start, end);
}
