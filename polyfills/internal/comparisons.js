// atoll: deep equality used by util.isDeepStrictEqual and assert.deepEqual/deepStrictEqual.
// Strict mode: Object.is for primitives, same prototypes, same [[Class]], enumerable own
// symbol keys compared. Loose mode: == for primitives, prototypes ignored.
import {
  isDate, isRegExp, isMap, isSet, isArrayBufferView, isAnyArrayBuffer, isBoxedPrimitive,
  isNativeError, isNumberObject, isStringObject, isBooleanObject, isBigIntObject,
  isSymbolObject, isFloat32Array, isFloat64Array, isArgumentsObject,
} from 'node:util/types';

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const objToString = (o) => Object.prototype.toString.call(o);

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

function isIndexKey(k) {
  // canonical array index
  if (k.length === 0 || k.length > 10) return false;
  const n = Number(k);
  return String(n >>> 0) === k && n !== 4294967295;
}

function ownNonIndexKeys(obj, strict) {
  const keys = Object.keys(obj).filter((k) => !isIndexKey(k));
  if (strict) {
    for (const s of Object.getOwnPropertySymbols(obj)) if (isEnumerable(obj, s)) keys.push(s);
  }
  return keys;
}

function bytesEqual(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer ?? a, a.byteOffset ?? 0, a.byteLength);
  const y = new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function floatArraysLooseEqual(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function boxedEqual(a, b) {
  if (isNumberObject(a)) return isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (isStringObject(a)) return isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (isBooleanObject(a)) return isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (isBigIntObject(a)) return isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  if (isSymbolObject(a)) return isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  return false;
}

function innerDeepEqual(a, b, strict, memos) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b));
      }
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const aTag = objToString(a);
  if (aTag !== objToString(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const ka = ownNonIndexKeys(a, strict);
    const kb = ownNonIndexKeys(b, strict);
    if (ka.length !== kb.length) return false;
    return keyCheck(a, b, strict, memos, kIsArray, ka);
  }
  if (aTag === '[object Object]' && !isBoxedPrimitive(a) && !isMap(a) && !isSet(a) &&
      !isDate(a) && !isRegExp(a) && !isArrayBufferView(a) && !isAnyArrayBuffer(a) &&
      !isNativeError(a)) {
    if (isBoxedPrimitive(b) || isMap(b) || isSet(b) || isDate(b) || isRegExp(b) ||
        isArrayBufferView(b) || isAnyArrayBuffer(b) || isNativeError(b)) return false;
    return keyCheck(a, b, strict, memos, kNoIterator);
  }
  if (isDate(a)) {
    if (!isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
  } else if (isRegExp(a)) {
    if (!isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (isNativeError(a) || a instanceof Error) {
    if ((!isNativeError(b) && !(b instanceof Error)) || a.message !== b.message || a.name !== b.name) return false;
    const ac = hasOwn(a, 'cause'); const bc = hasOwn(b, 'cause');
    if (ac !== bc || (ac && !innerDeepEqual(a.cause, b.cause, strict, memos))) return false;
    const ae = hasOwn(a, 'errors'); const be = hasOwn(b, 'errors');
    if (ae !== be || (ae && !innerDeepEqual(a.errors, b.errors, strict, memos))) return false;
  } else if (isArrayBufferView(a)) {
    if (!isArrayBufferView(b)) return false;
    if (!strict && (isFloat32Array(a) || isFloat64Array(a))) {
      if (!floatArraysLooseEqual(a, b)) return false;
    } else if (!bytesEqual(a, b)) return false;
    const ka = ownNonIndexKeys(a, strict);
    const kb = ownNonIndexKeys(b, strict);
    if (ka.length !== kb.length) return false;
    return keyCheck(a, b, strict, memos, kNoIterator, ka);
  } else if (isSet(a)) {
    if (!isSet(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsSet);
  } else if (isMap(a)) {
    if (!isMap(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(a)) {
    if (!isAnyArrayBuffer(b) || !bytesEqual(new Uint8Array(a), new Uint8Array(b))) return false;
  } else if (isBoxedPrimitive(a)) {
    if (!boxedEqual(a, b)) return false;
  } else if (Array.isArray(b) || isArrayBufferView(b) || isSet(b) || isMap(b) || isDate(b) ||
             isRegExp(b) || isAnyArrayBuffer(b) || isBoxedPrimitive(b) || isNativeError(b) ||
             b instanceof Error) {
    return false;
  } else if (isArgumentsObject(a) !== isArgumentsObject(b)) {
    return false;
  }
  return keyCheck(a, b, strict, memos, kNoIterator);
}

function keyCheck(a, b, strict, memos, iterationType, aKeys) {
  if (aKeys === undefined) {
    aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    if (aKeys.length !== bKeys.length) return false;
    for (const k of aKeys) if (!isEnumerable(b, k)) return false;
    if (strict) {
      let count = 0;
      for (const s of Object.getOwnPropertySymbols(a)) {
        if (isEnumerable(a, s)) {
          if (!isEnumerable(b, s)) return false;
          aKeys.push(s);
          count++;
        }
      }
      let countB = 0;
      for (const s of Object.getOwnPropertySymbols(b)) if (isEnumerable(b, s)) countB++;
      if (count !== countB) return false;
    }
  } else {
    for (const k of aKeys) if (!isEnumerable(b, k)) return false;
  }

  if (aKeys.length === 0 &&
      (iterationType === kNoIterator || (iterationType === kIsArray && a.length === 0) ||
       ((iterationType === kIsSet || iterationType === kIsMap) && a.size === 0))) {
    return true;
  }

  if (memos === undefined) {
    memos = { a: new Map(), b: new Map(), position: 0 };
  } else {
    const ma = memos.a.get(a);
    if (ma !== undefined) {
      const mb = memos.b.get(b);
      if (mb !== undefined) return ma === mb;
    }
    memos.position++;
  }
  memos.a.set(a, memos.position);
  memos.b.set(b, memos.position);
  const result = objEquiv(a, b, strict, aKeys, memos, iterationType);
  memos.a.delete(a);
  memos.b.delete(b);
  return result;
}

function pairUp(left, right, eq) {
  if (left.length !== right.length) return false;
  const used = new Array(right.length).fill(false);
  outer: for (const x of left) {
    for (let j = 0; j < right.length; j++) {
      if (!used[j] && eq(x, right[j])) { used[j] = true; continue outer; }
    }
    return false;
  }
  return true;
}

function setEquiv(a, b, strict, memos) {
  const leftA = [];
  for (const v of a) {
    if (typeof v === 'object' && v !== null) leftA.push(v);
    else if (!b.has(v)) {
      if (strict) return false;
      leftA.push(v);
    }
  }
  if (leftA.length === 0) return true;
  const leftB = [];
  for (const v of b) {
    if (typeof v === 'object' && v !== null) leftB.push(v);
    else if (!a.has(v)) {
      if (strict) return false;
      leftB.push(v);
    }
  }
  return pairUp(leftA, leftB, (x, y) => innerDeepEqual(x, y, strict, memos));
}

function mapEquiv(a, b, strict, memos) {
  const leftA = [];
  for (const [k, v] of a) {
    if (typeof k === 'object' && k !== null) leftA.push([k, v]);
    else {
      const v2 = b.get(k);
      if ((v2 === undefined && !b.has(k)) || !innerDeepEqual(v, v2, strict, memos)) {
        if (strict) return false;
        leftA.push([k, v]);
      }
    }
  }
  if (leftA.length === 0) return true;
  const leftB = [];
  for (const [k, v] of b) {
    if (typeof k === 'object' && k !== null) leftB.push([k, v]);
    else if (!strict) {
      const v1 = a.get(k);
      if ((v1 === undefined && !a.has(k)) || !innerDeepEqual(v1, v, strict, memos)) leftB.push([k, v]);
    }
  }
  return pairUp(leftA, leftB, (x, y) =>
    innerDeepEqual(x[0], y[0], strict, memos) && innerDeepEqual(x[1], y[1], strict, memos));
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      const ha = hasOwn(a, i);
      if (ha !== hasOwn(b, i)) return false;
      if (ha && !innerDeepEqual(a[i], b[i], strict, memos)) {
        return false;
      }
    }
  }
  for (const k of keys) {
    if (!innerDeepEqual(a[k], b[k], strict, memos)) return false;
  }
  return true;
}

export function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, true);
}

export function isDeepEqual(a, b) {
  return innerDeepEqual(a, b, false);
}

export default { isDeepStrictEqual, isDeepEqual };
