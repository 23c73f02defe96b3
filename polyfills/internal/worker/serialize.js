// The structured clone algorithm as a string, for messages that cross threads (worker_threads,
// MessagePort). The string is JSON of a tagged tree: JSON-safe primitives stand for themselves,
// everything else is an array whose first element is a tag; objects get an id so shared and
// cyclic references come back as the same object. Buffers travel as latin1 strings.
//
// Supported: primitives (incl. undefined, NaN, -0, BigInt), plain objects, arrays (holes kept),
// Map, Set, Date, RegExp, boxed primitives, ArrayBuffer, typed arrays, DataView, Errors.
// Functions and symbols throw a DataCloneError, as in Node. Class instances arrive as plain
// objects with their own enumerable properties.

const TypedArray = Object.getPrototypeOf(Uint8Array);
const typedArrayName = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const CTORS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
if (typeof globalThis.Float16Array === 'function') CTORS.Float16Array = globalThis.Float16Array;
const ERRORS = {
  Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
};
const toTag = (v) => Object.prototype.toString.call(v);

function dataCloneError(value) {
  const what = typeof value === 'symbol' ? value.toString()
    : typeof value === 'function' ? `${value}` : 'object';
  const Ctor = globalThis.DOMException;
  if (typeof Ctor === 'function') return new Ctor(`${what} could not be cloned.`, 'DataCloneError');
  const err = new Error(`${what} could not be cloned.`);
  err.name = 'DataCloneError';
  return err;
}

function bytesToLatin1(u8) {
  let s = '';
  for (let i = 0; i < u8.length; i += 8192) {
    s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192));
  }
  return s;
}

function latin1ToBytes(s) {
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}

function encode(value, seen) {
  switch (typeof value) {
    case 'string': case 'boolean': return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return ['N', Object.is(value, -0) ? '-0' : String(value)];
    case 'undefined': return ['u'];
    case 'bigint': return ['I', value.toString()];
    case 'symbol': case 'function': throw dataCloneError(value);
    default: break;
  }
  if (value === null) return null;
  const known = seen.get(value);
  if (known !== undefined) return ['r', known];
  const id = seen.size;
  seen.set(value, id);
  const tag = toTag(value);
  if (Array.isArray(value)) {
    const items = [];
    const keys = Object.keys(value);
    const dense = keys.length === value.length;
    if (dense) for (let i = 0; i < value.length; i++) items.push(encode(value[i], seen));
    else for (const k of keys) items.push(k, encode(value[k], seen));
    return ['a', id, value.length, dense ? 1 : 0, items];
  }
  if (ArrayBuffer.isView(value)) {
    const buf = encode(value.buffer, seen);
    if (tag === '[object DataView]') return ['V', id, buf, value.byteOffset, value.byteLength];
    return ['T', id, Reflect.apply(typedArrayName, value, []), buf, value.byteOffset, value.length];
  }
  switch (tag) {
    case '[object ArrayBuffer]':
      return ['B', id, bytesToLatin1(new Uint8Array(value))];
    case '[object SharedArrayBuffer]':
      return ['B', id, bytesToLatin1(new Uint8Array(value))];
    case '[object Date]': return ['D', id, encode(Date.prototype.getTime.call(value), seen)];
    case '[object RegExp]': return ['R', id, value.source, value.flags];
    case '[object Map]': {
      const items = [];
      for (const [k, v] of value) items.push(encode(k, seen), encode(v, seen));
      return ['M', id, items];
    }
    case '[object Set]': {
      const items = [];
      for (const v of value) items.push(encode(v, seen));
      return ['S', id, items];
    }
    case '[object Number]': return ['P', id, 'n', encode(Number.prototype.valueOf.call(value), seen)];
    case '[object String]': return ['P', id, 's', String.prototype.valueOf.call(value)];
    case '[object Boolean]': return ['P', id, 'b', Boolean.prototype.valueOf.call(value)];
    case '[object BigInt]': return ['P', id, 'i', BigInt.prototype.valueOf.call(value).toString()];
    case '[object Error]': {
      const name = ERRORS[value.name] ? value.name : 'Error';
      const extra = [];
      for (const k of Object.keys(value)) {
        if (k === 'message' || k === 'stack' || k === 'cause') continue;
        try { extra.push(k, encode(value[k], seen)); } catch { /* not cloneable: dropped */ }
      }
      const has = (k) => Object.prototype.hasOwnProperty.call(value, k);
      return ['E', id, name, has('message') ? String(value.message) : null,
        typeof value.stack === 'string' ? value.stack : null,
        has('cause') ? encode(value.cause, seen) : ['u'], has('cause') ? 1 : 0, extra];
    }
    case '[object WeakMap]': case '[object WeakSet]': case '[object WeakRef]':
    case '[object Promise]':
      throw dataCloneError(value);
    default: break;
  }
  const items = [];
  for (const k of Object.keys(value)) items.push(k, encode(value[k], seen));
  return ['o', id, items];
}

/** A structured-clone serialisation of `value`, as a string. */
export function serialize(value) {
  return JSON.stringify(encode(value, new Map()));
}

function decode(node, refs) {
  if (node === null || typeof node !== 'object') return node;
  const [tag, id] = node;
  switch (tag) {
    case 'N': return id === '-0' ? -0 : Number(id);
    case 'u': return undefined;
    case 'I': return BigInt(id);
    case 'r': return refs[id];
    case 'a': {
      const [, , length, dense, items] = node;
      const out = new Array(length);
      refs[id] = out;
      if (dense) for (let i = 0; i < items.length; i++) out[i] = decode(items[i], refs);
      else for (let i = 0; i < items.length; i += 2) out[items[i]] = decode(items[i + 1], refs);
      return out;
    }
    case 'o': {
      const out = {};
      refs[id] = out;
      const items = node[2];
      for (let i = 0; i < items.length; i += 2) {
        Object.defineProperty(out, items[i], {
          value: decode(items[i + 1], refs), writable: true, enumerable: true, configurable: true,
        });
      }
      return out;
    }
    case 'B': {
      const out = latin1ToBytes(node[2]).buffer;
      refs[id] = out;
      return out;
    }
    case 'T': {
      const [, , name, buf, offset, length] = node;
      const Ctor = CTORS[name] ?? Uint8Array;
      const out = new Ctor(decode(buf, refs), offset, length);
      refs[id] = out;
      return out;
    }
    case 'V': {
      const out = new DataView(decode(node[2], refs), node[3], node[4]);
      refs[id] = out;
      return out;
    }
    case 'D': { const out = new Date(decode(node[2], refs)); refs[id] = out; return out; }
    case 'R': { const out = new RegExp(node[2], node[3]); refs[id] = out; return out; }
    case 'M': {
      const out = new Map();
      refs[id] = out;
      const items = node[2];
      for (let i = 0; i < items.length; i += 2) out.set(decode(items[i], refs), decode(items[i + 1], refs));
      return out;
    }
    case 'S': {
      const out = new Set();
      refs[id] = out;
      for (const v of node[2]) out.add(decode(v, refs));
      return out;
    }
    case 'P': {
      const [, , kind, v] = node;
      const prim = kind === 'n' ? decode(v, refs) : kind === 'i' ? BigInt(v) : v;
      const out = Object(prim);
      refs[id] = out;
      return out;
    }
    case 'E': {
      const [, , name, message, stack, cause, hasCause, extra] = node;
      const Ctor = ERRORS[name] ?? Error;
      const out = message === null ? new Ctor() : new Ctor(message);
      refs[id] = out;
      if (stack !== null) {
        Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true });
      } else {
        delete out.stack;
      }
      if (hasCause) {
        Object.defineProperty(out, 'cause', { value: decode(cause, refs), writable: true, configurable: true });
      }
      for (let i = 0; i < extra.length; i += 2) out[extra[i]] = decode(extra[i + 1], refs);
      return out;
    }
    default: throw new Error(`atoll: cannot deserialize a message (tag ${tag})`);
  }
}

/** The value `serialize` produced `text` from (a fresh copy). */
export function deserialize(text) {
  return decode(JSON.parse(text), []);
}
