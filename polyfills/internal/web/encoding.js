// atoll: WHATWG TextEncoder / TextDecoder (installed as globals by the bootstrap).
// Supported decoder encodings: utf-8, utf-16le, utf-16be and windows-1252 (per the
// WHATWG index; Node 20's non-streaming fast path decodes that label as plain ISO-8859-1,
// its streaming path as windows-1252 — we always do the latter).

import {
  op_require_builtin, op_buf_byte_length, op_buf_write, op_buf_decode,
} from 'atoll:ops';

// The error codes and the JS codecs (internal/encoding.js) load on first need: encode() and a
// plain decode() are native ops, and node:util (which re-exports these classes) loads this.
const errors = () => op_require_builtin('atoll:internal/errors');
let encNs = null;
const enc = () => (encNs ??= op_require_builtin('atoll:internal/encoding'));
const OP_UTF8 = 0; // ops::buffer::Enc::from_code

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const getTypedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const getArrayBufferByteLength =
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const getSharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get
  : undefined;

function isUint8Array(v) {
  return getTypedArrayTag.call(v) === 'Uint8Array';
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

function inspectWith(name, data, depth, options, inspectFn) {
  if (typeof depth === 'number' && depth < 0) return `${name} {}`;
  if (typeof inspectFn === 'function') return `${name} ${inspectFn(data, options)}`;
  const body = Object.keys(data).map((k) => {
    const v = data[k];
    return `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`;
  }).join(', ');
  return `${name} { ${body} }`;
}

// ---------------------------------------------------------------------------
// TextEncoder

export class TextEncoder {
  get encoding() {
    if (!(this instanceof TextEncoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextEncoder');
    return 'utf-8';
  }

  encode(input = '') {
    if (!(this instanceof TextEncoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextEncoder');
    const str = `${input}`;
    const out = new Uint8Array(op_buf_byte_length(str));
    op_buf_write(str, out, 0, out.length, OP_UTF8);
    return out;
  }

  encodeInto(src, dest) {
    if (!(this instanceof TextEncoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextEncoder');
    if (typeof src !== 'string') throw new (errors().ERR_INVALID_ARG_TYPE)('src', 'string', src);
    if (!dest || !isUint8Array(dest)) throw new (errors().ERR_INVALID_ARG_TYPE)('dest', 'Uint8Array', dest);
    const codecs = enc();
    const written = codecs.utf8Write(src, dest, 0, dest.length);
    return { read: codecs.utf8LastRead, written };
  }

  get [Symbol.toStringTag]() {
    return 'TextEncoder';
  }

  [customInspectSymbol](depth, options, inspectFn) {
    return inspectWith('TextEncoder', { encoding: 'utf-8' }, depth, options, inspectFn);
  }
}

// ---------------------------------------------------------------------------
// TextDecoder

const UTF8 = 'utf-8';
const UTF16LE = 'utf-16le';
const UTF16BE = 'utf-16be';
const WIN1252 = 'windows-1252';

let labels = null;
function getLabels() {
  if (labels !== null) return labels;
  labels = new Map();
  const add = (name, list) => {
    for (const l of list) labels.set(l, name);
  };
  add(UTF8, ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8',
    'x-unicode20utf8']);
  add(UTF16LE, ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16',
    'utf-16le']);
  add(UTF16BE, ['unicodefffe', 'utf-16be']);
  add(WIN1252, ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819',
    'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1',
    'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']);
  return labels;
}

// WHATWG "get an encoding": trim ASCII whitespace, ASCII-lowercase, look up the label.
export function getEncodingFromLabel(label) {
  const key = `${label}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  return getLabels().get(key);
}

// windows-1252 code points for bytes 0x80..0x9F (the rest equal ISO-8859-1).
const WIN1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

function win1252Decode(bytes) {
  let special = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 && b <= 0x9f) {
      special = true;
      break;
    }
  }
  if (!special) return enc().latin1Decode(bytes, 0, bytes.length);
  let out = '';
  const CH = 0x2000;
  for (let start = 0; start < bytes.length; start += CH) {
    const end = Math.min(start + CH, bytes.length);
    const units = new Uint16Array(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      units[i - start] = b >= 0x80 && b <= 0x9f ? WIN1252_HIGH[b - 0x80] : b;
    }
    out += String.fromCharCode.apply(null, units);
  }
  return out;
}

function invalidData(encoding) {
  return new (errors().ERR_ENCODING_INVALID_ENCODED_DATA)(encoding);
}

// UTF-16 decode of bytes with surrogate validation. Returns [string, pendingBytes].
function utf16Decode(bytes, bigEndian, fatal, stream, encoding) {
  const len = bytes.length;
  const even = len & ~1;
  const units = [];
  let out = '';
  let i = 0;
  const unitAt = (p) => (bigEndian ? (bytes[p] << 8) | bytes[p + 1] : bytes[p] | (bytes[p + 1] << 8));
  let pending = 0;
  while (i < even) {
    const u = unitAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 2 < even) {
        const v = unitAt(i + 2);
        if (v >= 0xdc00 && v <= 0xdfff) {
          units.push(u, v);
          i += 4;
        } else {
          if (fatal) throw invalidData(encoding);
          units.push(0xfffd);
          i += 2;
        }
      } else if (stream) {
        // high surrogate at the end of the chunk: wait for more input
        pending = len - i;
        break;
      } else {
        // unpaired high surrogate at the end; a dangling odd byte is part of the same error
        if (fatal) throw invalidData(encoding);
        units.push(0xfffd);
        i = len;
        break;
      }
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      if (fatal) throw invalidData(encoding);
      units.push(0xfffd);
      i += 2;
    } else {
      units.push(u);
      i += 2;
    }
    if (units.length >= 0x2000) {
      out += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  if (units.length > 0) out += String.fromCharCode.apply(null, units);
  if (pending === 0 && i < len && even !== len) {
    if (stream) {
      pending = 1;
    } else {
      if (fatal) throw invalidData(encoding);
      out += '\ufffd';
    }
  }
  return [out, pending];
}

const kState = Symbol('kState');

export class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const name = getEncodingFromLabel(encoding);
    if (name === undefined) throw new (errors().ERR_ENCODING_NOT_SUPPORTED)(`${encoding}`);
    if (options !== undefined && options !== null && typeof options !== 'object' &&
        typeof options !== 'function') {
      throw new (errors().ERR_INVALID_ARG_TYPE)('options', 'object', options);
    }
    const fatal = Boolean(options?.fatal);
    const ignoreBOM = Boolean(options?.ignoreBOM);
    this[kState] = {
      encoding: name,
      fatal,
      ignoreBOM,
      pending: null, // Uint8Array of bytes held back from the previous streaming call
      bomChecked: false,
    };
  }

  get encoding() {
    if (!(this instanceof TextDecoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextDecoder');
    return this[kState].encoding;
  }

  get fatal() {
    if (!(this instanceof TextDecoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextDecoder');
    return this[kState].fatal;
  }

  get ignoreBOM() {
    if (!(this instanceof TextDecoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextDecoder');
    return this[kState].ignoreBOM;
  }

  decode(input = undefined, options = {}) {
    if (!(this instanceof TextDecoder)) throw new (errors().codes.ERR_INVALID_THIS)('TextDecoder');
    const state = this[kState];
    let bytes;
    if (input === undefined) {
      bytes = new Uint8Array(0);
    } else if (ArrayBuffer.isView(input)) {
      bytes = isUint8Array(input)
        ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    } else if (isAnyArrayBuffer(input)) {
      bytes = new Uint8Array(input);
    } else {
      throw new (errors().ERR_INVALID_ARG_TYPE)('input',
        ['ArrayBuffer', 'ArrayBufferView', 'SharedArrayBuffer'], input);
    }
    if (options !== undefined && options !== null && typeof options !== 'object' &&
        typeof options !== 'function') {
      throw new (errors().ERR_INVALID_ARG_TYPE)('options', 'object', options);
    }
    const stream = Boolean(options?.stream);

    if (state.pending !== null && state.pending.length > 0) {
      const joined = new Uint8Array(state.pending.length + bytes.length);
      joined.set(state.pending, 0);
      joined.set(bytes, state.pending.length);
      bytes = joined;
    }
    state.pending = null;

    let out;
    let pending = 0;
    try {
      switch (state.encoding) {
        case UTF8:
          if (bytes.length === 0) out = '';
          else if (!state.fatal && !stream) out = op_buf_decode(bytes, 0, bytes.length, OP_UTF8);
          if (out === undefined) {
            out = enc().utf8Decode(bytes, 0, bytes.length, state.fatal, stream);
            pending = encNs.utf8LastPending;
          }
          break;
        case UTF16LE:
        case UTF16BE:
          [out, pending] = utf16Decode(bytes, state.encoding === UTF16BE, state.fatal, stream,
            state.encoding);
          break;
        default:
          out = win1252Decode(bytes);
      }
    } catch (err) {
      // a fatal error resets the decoder
      state.bomChecked = false;
      throw err;
    }
    if (pending > 0) state.pending = bytes.slice(bytes.length - pending);

    if (!state.ignoreBOM && !state.bomChecked && state.encoding !== WIN1252 && out.length > 0) {
      if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
      state.bomChecked = true;
    }
    if (!stream) {
      state.bomChecked = false;
      state.pending = null;
    }
    return out;
  }

  get [Symbol.toStringTag]() {
    return 'TextDecoder';
  }

  [customInspectSymbol](depth, options, inspectFn) {
    const s = this[kState];
    return inspectWith('TextDecoder',
      { encoding: s.encoding, fatal: s.fatal, ignoreBOM: s.ignoreBOM }, depth, options, inspectFn);
  }
}

for (const C of [TextEncoder, TextDecoder]) {
  for (const key of ['encoding', 'fatal', 'ignoreBOM', 'encode', 'encodeInto', 'decode']) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, key);
    if (d) {
      d.enumerable = true;
      Object.defineProperty(C.prototype, key, d);
    }
  }
}

export default { TextEncoder, TextDecoder };
