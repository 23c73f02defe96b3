// node:util/types for atoll. Detection uses brand checks (built-in getters/methods that
// throw on the wrong receiver) where the language allows it, and Symbol.toStringTag
// otherwise (generators, iterators, promises, async functions: spoofable by a
// hand-made toStringTag; documented limitation).
// `isProxy` and `isExternal` are not provided: QuickJS cannot detect proxies from JS
// (isExternal always false).

const objToString = Object.prototype.toString;
const getProto = Object.getPrototypeOf;

function getter(proto, name) {
  const d = proto && Object.getOwnPropertyDescriptor(proto, name);
  return d && d.get;
}
function brand(fn, value) {
  if (typeof fn !== 'function') return false;
  try { fn.call(value); return true; } catch { return false; }
}
function isObjectLike(v) { return (typeof v === 'object' && v !== null) || typeof v === 'function'; }
function tagOf(v) {
  try { return v[Symbol.toStringTag]; } catch { return undefined; }
}

const TypedArray = getProto(Uint8Array);
const typedArrayTag = getter(TypedArray.prototype, Symbol.toStringTag);
const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const sabByteLength = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const dvByteLength = getter(DataView.prototype, 'byteLength');
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const regexpSource = getter(RegExp.prototype, 'source');

function typedTag(v) {
  if (!isObjectLike(v)) return undefined;
  return typedArrayTag.call(v);
}

export function isTypedArray(v) { return typedTag(v) !== undefined; }
export function isUint8Array(v) { return typedTag(v) === 'Uint8Array'; }
export function isUint8ClampedArray(v) { return typedTag(v) === 'Uint8ClampedArray'; }
export function isUint16Array(v) { return typedTag(v) === 'Uint16Array'; }
export function isUint32Array(v) { return typedTag(v) === 'Uint32Array'; }
export function isInt8Array(v) { return typedTag(v) === 'Int8Array'; }
export function isInt16Array(v) { return typedTag(v) === 'Int16Array'; }
export function isInt32Array(v) { return typedTag(v) === 'Int32Array'; }
export function isFloat32Array(v) { return typedTag(v) === 'Float32Array'; }
export function isFloat64Array(v) { return typedTag(v) === 'Float64Array'; }
export function isBigInt64Array(v) { return typedTag(v) === 'BigInt64Array'; }
export function isBigUint64Array(v) { return typedTag(v) === 'BigUint64Array'; }
export function isFloat16Array(v) { return typedTag(v) === 'Float16Array'; }

export function isArrayBufferView(v) { return ArrayBuffer.isView(v); }
export function isDataView(v) { return isObjectLike(v) && brand(dvByteLength, v); }
export function isArrayBuffer(v) { return isObjectLike(v) && brand(abByteLength, v); }
export function isSharedArrayBuffer(v) { return isObjectLike(v) && sabByteLength !== undefined && brand(sabByteLength, v); }
export function isAnyArrayBuffer(v) { return isArrayBuffer(v) || isSharedArrayBuffer(v); }

export function isMap(v) { return isObjectLike(v) && brand(mapSize, v); }
export function isSet(v) { return isObjectLike(v) && brand(setSize, v); }
export function isWeakMap(v) {
  if (!isObjectLike(v)) return false;
  try { WeakMap.prototype.has.call(v, {}); return true; } catch { return false; }
}
export function isWeakSet(v) {
  if (!isObjectLike(v)) return false;
  try { WeakSet.prototype.has.call(v, {}); return true; } catch { return false; }
}
export function isDate(v) {
  if (!isObjectLike(v)) return false;
  try { Date.prototype.getTime.call(v); return true; } catch { return false; }
}
export function isRegExp(v) {
  return isObjectLike(v) && v !== RegExp.prototype && brand(regexpSource, v);
}

export function isNumberObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  try { Number.prototype.valueOf.call(v); return true; } catch { return false; }
}
export function isStringObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  try { String.prototype.valueOf.call(v); return true; } catch { return false; }
}
export function isBooleanObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  try { Boolean.prototype.valueOf.call(v); return true; } catch { return false; }
}
export function isBigIntObject(v) {
  if (typeof v !== 'object' || v === null || typeof BigInt !== 'function') return false;
  try { BigInt.prototype.valueOf.call(v); return true; } catch { return false; }
}
export function isSymbolObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  try { Symbol.prototype.valueOf.call(v); return true; } catch { return false; }
}
export function isBoxedPrimitive(v) {
  return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
    isBigIntObject(v) || isSymbolObject(v);
}

export function isNativeError(v) {
  if (typeof Error.isError === 'function') return Error.isError(v);
  if (typeof v !== 'object' || v === null) return false;
  // [[ErrorData]] shows as the builtin tag unless a toStringTag hides it.
  return objToString.call(v) === '[object Error]';
}

export function isPromise(v) {
  return typeof v === 'object' && v !== null && objToString.call(v) === '[object Promise]';
}

export function isAsyncFunction(v) {
  if (typeof v !== 'function') return false;
  const t = tagOf(v);
  return t === 'AsyncFunction' || t === 'AsyncGeneratorFunction';
}
export function isGeneratorFunction(v) {
  if (typeof v !== 'function') return false;
  const t = tagOf(v);
  return t === 'GeneratorFunction' || t === 'AsyncGeneratorFunction';
}
export function isGeneratorObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  const t = tagOf(v);
  return t === 'Generator' || t === 'AsyncGenerator';
}
export function isMapIterator(v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Map Iterator'; }
export function isSetIterator(v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Set Iterator'; }
export function isArgumentsObject(v) {
  return typeof v === 'object' && v !== null && objToString.call(v) === '[object Arguments]';
}
export function isModuleNamespaceObject(v) {
  if (typeof v !== 'object' || v === null || getProto(v) !== null) return false;
  const d = Object.getOwnPropertyDescriptor(v, Symbol.toStringTag);
  return d !== undefined && d.value === 'Module' && d.writable === false && d.enumerable === false;
}
export function isWeakRef(v) {
  if (typeof WeakRef !== 'function' || !isObjectLike(v)) return false;
  try { WeakRef.prototype.deref.call(v); return true; } catch { return false; }
}
export function isExternal() { return false; }
export function isKeyObject(v) { return isObjectLike(v) && tagOf(v) === 'KeyObject'; }
export function isCryptoKey(v) {
  return typeof globalThis.CryptoKey === 'function' && v instanceof globalThis.CryptoKey;
}

const types = {
  isTypedArray, isUint8Array, isUint8ClampedArray, isUint16Array, isUint32Array, isInt8Array,
  isInt16Array, isInt32Array, isFloat32Array, isFloat64Array, isBigInt64Array,
  isBigUint64Array, isArrayBufferView, isDataView, isArrayBuffer, isSharedArrayBuffer,
  isAnyArrayBuffer, isMap, isSet, isWeakMap, isWeakSet, isDate, isRegExp, isNumberObject,
  isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isBoxedPrimitive,
  isNativeError, isPromise, isAsyncFunction, isGeneratorFunction, isGeneratorObject,
  isMapIterator, isSetIterator, isArgumentsObject, isModuleNamespaceObject, isWeakRef,
  isExternal, isKeyObject, isCryptoKey,
};
export default types;
