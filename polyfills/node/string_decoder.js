// node:string_decoder — decodes Buffers to strings, holding back the bytes of a character
// (or base64 group) that is split across chunks until the rest arrives.
import { Buffer } from 'node:buffer';
import { codes } from '../internal/errors.js';
import { normalizeEncoding } from '../internal/validators.js';

const kState = Symbol('kStringDecoderState');

function toBuffer(buf) {
  if (Buffer.isBuffer(buf)) return buf;
  if (ArrayBuffer.isView(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  throw new codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
}

// Length of the UTF-8 sequence started by lead byte `b` (0 when `b` cannot start one).
function utf8SeqLen(b) {
  if (b >= 0xC0 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF7) return 4;
  return 0;
}

// How many trailing bytes of `buf` form an incomplete UTF-8 sequence (a lead byte followed
// by fewer continuation bytes than it announces), and how long that sequence would be.
// Returns [held, total]. Like Node, only the lead byte and the 10xxxxxx shape are checked;
// an invalid sequence becomes U+FFFD once it is decoded.
function utf8Incomplete(buf) {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back];
    if ((b & 0xC0) === 0x80) continue; // continuation byte, keep looking for the lead
    const total = utf8SeqLen(b);
    return total > back ? [back, total] : [0, 0];
  }
  return [0, 0];
}

export function StringDecoder(encoding) {
  if (!(this instanceof StringDecoder)) return new StringDecoder(encoding);
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw new codes.ERR_UNKNOWN_ENCODING(encoding);
  this.encoding = enc;
  // pending: the held bytes; total: bytes in the whole character/group being held.
  Object.defineProperty(this, kState, {
    value: { pending: Buffer.alloc(0), total: 0 }, writable: true, enumerable: false,
  });
}

function decodeChunk(self, buf, flush) {
  const st = self[kState];
  let data = st.pending.length ? Buffer.concat([st.pending, buf]) : buf;
  let held = 0;
  let total = 0;
  switch (self.encoding) {
    case 'utf8': {
      if (!flush) [held, total] = utf8Incomplete(data);
      break;
    }
    case 'utf16le': {
      if (flush) {
        // Flush: emit the complete code units, drop an odd trailing byte.
        data = data.subarray(0, data.length - (data.length % 2));
        break;
      }
      // A held partial character is completed first and emitted as is (as Node does).
      let prefix = '';
      if (st.pending.length) {
        const need = st.total - st.pending.length;
        if (buf.length < need) {
          st.pending = Buffer.concat([st.pending, buf]);
          return '';
        }
        prefix = Buffer.concat([st.pending, buf.subarray(0, need)]).toString('utf16le');
        data = buf.subarray(need);
      }
      held = data.length % 2;
      total = held ? 2 : 0;
      if (!held && data.length >= 2) {
        const unit = data[data.length - 2] | (data[data.length - 1] << 8);
        if (unit >= 0xD800 && unit <= 0xDBFF) { held = 2; total = 4; }
      }
      const keep16 = data.length - held;
      st.pending = held ? Buffer.from(data.subarray(keep16)) : Buffer.alloc(0);
      st.total = total;
      return prefix + (keep16 > 0 ? data.toString('utf16le', 0, keep16) : '');
    }
    case 'base64':
    case 'base64url':
      if (!flush) { held = data.length % 3; total = held ? 3 : 0; }
      break;
    default:
      break;
  }
  const keep = data.length - held;
  st.pending = held ? Buffer.from(data.subarray(keep)) : Buffer.alloc(0);
  st.total = total;
  return keep > 0 ? data.toString(self.encoding, 0, keep) : '';
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  return decodeChunk(this, toBuffer(buf), false);
};

StringDecoder.prototype.end = function end(buf) {
  let out = '';
  if (buf !== undefined && buf !== null) out = this.write(buf);
  const st = this[kState];
  if (st.pending.length) out += decodeChunk(this, Buffer.alloc(0), true);
  st.pending = Buffer.alloc(0);
  st.total = 0;
  return out;
};

// Old JS-implementation surface: decode starting at `offset` of `buf`.
StringDecoder.prototype.text = function text(buf, offset) {
  const b = toBuffer(buf);
  this[kState].pending = Buffer.alloc(0);
  this[kState].total = 0;
  return this.write(b.subarray(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get() {
      const out = Buffer.alloc(4);
      this[kState].pending.copy(out, 0, 0, 4);
      return out;
    },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() { const st = this[kState]; return st.total ? st.total - st.pending.length : 0; },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { const st = this[kState]; return st.total ? st.total : 0; },
  },
});

export default { StringDecoder };
