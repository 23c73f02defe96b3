// structuredClone (HTML "StructuredSerializeWithTransfer" + deserialize, in one pass).
import { nodeError } from '../errors.js';
import { DOMException } from './dom_exception.js';


const toStr = (v) => Object.prototype.toString.call(v);

function describe(value) {
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') {
    try { return Function.prototype.toString.call(value); } catch { return 'function'; }
  }
  const ctor = value && value.constructor;
  const name = ctor && typeof ctor.name === 'string' && ctor.name ? ctor.name : 'Object';
  return `#<${name}>`;
}

function cloneError(value) {
  return new DOMException(`${describe(value)} could not be cloned.`, 'DataCloneError');
}

function isArrayBuffer(v) {
  try { Reflect.apply(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get, v, []); return true; } catch { return false; }
}

const sabByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;
function isSharedArrayBuffer(v) {
  if (!sabByteLength) return false;
  try { Reflect.apply(sabByteLength, v, []); return true; } catch { return false; }
}

const TypedArray = Object.getPrototypeOf(Uint8Array);
const taTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const typedArrayCtors = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
if (typeof globalThis.Float16Array === 'function') typedArrayCtors.Float16Array = globalThis.Float16Array;

function brand(fn, v) {
  try { Reflect.apply(fn, v, []); return true; } catch { return false; }
}
const dateValue = Date.prototype.getTime;
const regexpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const weakChecks = [
  [WeakMap, WeakMap.prototype.has],
  [WeakSet, WeakSet.prototype.has],
];
if (typeof WeakRef === 'function') weakChecks.push([WeakRef, WeakRef.prototype.deref]);

function isWeak(v) {
  for (const [, has] of weakChecks) {
    try { Reflect.apply(has, v, [{}]); return true; } catch { /* not this one */ }
  }
  return false;
}

const ERROR_NAMES = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']);

function copyBuffer(buf) {
  if (buf.resizable) {
    const out = new ArrayBuffer(buf.byteLength, { maxByteLength: buf.maxByteLength });
    new Uint8Array(out).set(new Uint8Array(buf));
    return out;
  }
  return buf.slice(0);
}

function cloneValue(value, memory) {
  const t = typeof value;
  if (t === 'symbol' || t === 'function') throw cloneError(value);
  if (value === null || t !== 'object') return value;
  if (memory.has(value)) return memory.get(value);

  let out;
  if (brand(dateValue, value)) {
    out = new Date(Reflect.apply(dateValue, value, []));
  } else if (brand(regexpSource, value) && toStr(value) === '[object RegExp]') {
    out = new RegExp(Reflect.apply(regexpSource, value, []), value.flags);
  } else if (isArrayBuffer(value)) {
    if (value.detached === true) throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
    out = copyBuffer(value);
  } else if (isSharedArrayBuffer(value)) {
    out = value; // shared memory stays shared
  } else if (ArrayBuffer.isView(value)) {
    const isDV = brand(dvBuffer, value);
    const buffer = isDV ? Reflect.apply(dvBuffer, value, []) : value.buffer;
    const bufClone = cloneValue(buffer, memory);
    if (isDV) {
      out = new DataView(bufClone, value.byteOffset, value.byteLength);
    } else {
      const Ctor = typedArrayCtors[Reflect.apply(taTag, value, [])];
      out = new Ctor(bufClone, value.byteOffset, value.length);
    }
  } else if (brand(mapSize, value)) {
    out = new Map();
    memory.set(value, out);
    const entries = [...Map.prototype.entries.call(value)];
    for (const [k, v] of entries) out.set(cloneValue(k, memory), cloneValue(v, memory));
    return out;
  } else if (brand(setSize, value)) {
    out = new Set();
    memory.set(value, out);
    const items = [...Set.prototype.values.call(value)];
    for (const v of items) out.add(cloneValue(v, memory));
    return out;
  } else if (toStr(value) === '[object Boolean]' && brand(Boolean.prototype.valueOf, value)) {
    out = Object(Boolean.prototype.valueOf.call(value));
  } else if (toStr(value) === '[object Number]' && brand(Number.prototype.valueOf, value)) {
    out = Object(Number.prototype.valueOf.call(value));
  } else if (toStr(value) === '[object String]' && brand(String.prototype.valueOf, value)) {
    out = Object(String.prototype.valueOf.call(value));
  } else if (brand(BigInt.prototype.valueOf, value)) {
    out = Object(BigInt.prototype.valueOf.call(value));
  } else if (value instanceof Error || toStr(value) === '[object Error]') {
    out = cloneErrorObject(value, memory);
    return out;
  } else if (Array.isArray(value)) {
    out = new Array(value.length);
    memory.set(value, out);
    copyProperties(value, out, memory);
    return out;
  } else if (isWeak(value) || toStr(value) === '[object Promise]' || value instanceof Promise) {
    throw cloneError(value);
  } else {
    out = {};
    memory.set(value, out);
    copyProperties(value, out, memory);
    return out;
  }
  memory.set(value, out);
  return out;
}

function cloneErrorObject(value, memory) {
  let name = value.name;
  name = ERROR_NAMES.has(name) ? name : 'Error';
  const msgDesc = Object.getOwnPropertyDescriptor(value, 'message');
  const Ctor = globalThis[name] || Error;
  const out = new Ctor(); // a real error object (with [[ErrorData]])
  memory.set(value, out);
  const stack = value.stack;
  if (typeof stack === 'string') {
    Object.defineProperty(out, 'stack', {
      value: stack, writable: true, enumerable: false, configurable: true,
    });
  }
  if (msgDesc && 'value' in msgDesc) {
    Object.defineProperty(out, 'message', {
      value: `${msgDesc.value}`, writable: true, enumerable: false, configurable: true,
    });
  }
  if (Object.prototype.hasOwnProperty.call(value, 'cause')) {
    Object.defineProperty(out, 'cause', {
      value: cloneValue(value.cause, memory), writable: true, enumerable: false, configurable: true,
    });
  }
  return out;
}

function copyProperties(from, to, memory) {
  for (const key of Object.keys(from)) {
    if (!Object.prototype.propertyIsEnumerable.call(from, key)) continue;
    to[key] = cloneValue(from[key], memory);
  }
}

export function structuredClone(value, options = undefined) {
  if (arguments.length === 0) {
    throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  }
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The options argument must be either an object or undefined');
  }
  const memory = new Map();
  const transfer = options?.transfer;
  const transferred = [];
  if (transfer !== undefined && transfer !== null) {
    if (typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'Optional transferList argument must be an iterable');
    }
    for (const item of transfer) {
      if (!isArrayBuffer(item)) {
        throw nodeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT',
          'Found invalid object in transferList');
      }
      if (transferred.includes(item)) {
        throw new DOMException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
      }
      transferred.push(item);
    }
  }
  const result = cloneValue(value, memory);
  // Transferred buffers: the clone got their contents, the originals are
  // detached (where the engine can detach from JS).
  for (const buf of transferred) {
    if (!memory.has(buf)) memory.set(buf, copyBuffer(buf));
    if (typeof buf.transfer === 'function') buf.transfer();
  }
  return result;
}

export default structuredClone;
