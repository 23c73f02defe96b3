// Readable iterator helpers (map, filter, take, toArray, ...). Each is called with `this`
// the source stream; the stream-returning ones give an async iterable that readable.js
// turns into a Readable.
import { AbortError, codes } from '../errors.js';
import { validateAbortSignal, validateInteger, validateObject } from '../validators.js';

const kEmpty = Symbol('kEmpty');

function validateFn(fn) {
  if (typeof fn !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
  }
}

function checkOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options && options.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function throwIfAborted(signal) {
  if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

function toIntegerOrInfinity(n) {
  n = Number(n);
  if (Number.isNaN(n)) return 0;
  if (n < 0) throw new codes.ERR_OUT_OF_RANGE('number', '>= 0', n);
  return n === Infinity ? n : Math.trunc(n);
}

function map(fn, options) {
  validateFn(fn);
  checkOptions(options);
  let concurrency = 1;
  if (options && options.concurrency != null) concurrency = Math.floor(options.concurrency);
  validateInteger(concurrency, 'options.concurrency', 1);
  const outerSignal = options && options.signal;
  const stream = this;

  return (async function* mapGen() {
    throwIfAborted(outerSignal);
    const ac = new AbortController();
    const signal = ac.signal;
    const onAbort = () => ac.abort(outerSignal.reason);
    if (outerSignal) outerSignal.addEventListener('abort', onAbort, { once: true });
    const signalOpt = { signal };
    const queue = [];
    let iterator;
    try {
      iterator = stream[Symbol.asyncIterator]();
      let sourceDone = false;
      for (;;) {
        // Keep up to `concurrency` calls in flight; results come out in source order.
        while (!sourceDone && queue.length < concurrency) {
          throwIfAborted(outerSignal);
          const { value, done } = await iterator.next();
          if (done) { sourceDone = true; break; }
          let p;
          try {
            p = Promise.resolve(fn(value, signalOpt));
          } catch (err) {
            p = Promise.reject(err);
          }
          p.catch(() => {});
          queue.push(p);
        }
        if (queue.length === 0) return;
        const val = await queue.shift();
        throwIfAborted(outerSignal);
        if (val !== kEmpty) yield val;
      }
    } finally {
      ac.abort();
      if (outerSignal) outerSignal.removeEventListener('abort', onAbort);
      if (iterator && typeof iterator.return === 'function') {
        try { await iterator.return(); } catch { /* ignore */ }
      }
    }
  }());
}

function filter(fn, options) {
  validateFn(fn);
  async function filterFn(value, opts) {
    if (await fn(value, opts)) return value;
    return kEmpty;
  }
  return map.call(this, filterFn, options);
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return (async function* flatMapGen() {
    for await (const val of values) {
      if (val != null && typeof val !== 'string' &&
          (typeof val[Symbol.asyncIterator] === 'function' || typeof val[Symbol.iterator] === 'function')) {
        yield* val;
      } else {
        yield val;
      }
    }
  }());
}

function take(number, options) {
  checkOptions(options);
  number = toIntegerOrInfinity(number);
  const stream = this;
  const signal = options && options.signal;
  return (async function* takeGen() {
    throwIfAborted(signal);
    if (number <= 0) return;
    for await (const val of stream) {
      throwIfAborted(signal);
      yield val;
      if (--number <= 0) return;
    }
  }());
}

function drop(number, options) {
  checkOptions(options);
  number = toIntegerOrInfinity(number);
  const stream = this;
  const signal = options && options.signal;
  return (async function* dropGen() {
    throwIfAborted(signal);
    for await (const val of stream) {
      throwIfAborted(signal);
      if (number-- <= 0) yield val;
    }
  }());
}

function asIndexedPairs(options) {
  checkOptions(options);
  const stream = this;
  const signal = options && options.signal;
  return (async function* asIndexedPairsGen() {
    let index = 0;
    for await (const val of stream) {
      throwIfAborted(signal);
      yield [index++, val];
    }
  }());
}

async function forEach(fn, options) {
  validateFn(fn);
  async function forEachFn(value, opts) {
    await fn(value, opts);
    return kEmpty;
  }
  // eslint-disable-next-line no-unused-vars
  for await (const unused of map.call(this, forEachFn, options));
}

async function toArray(options) {
  checkOptions(options);
  const signal = options && options.signal;
  const result = [];
  for await (const val of this) {
    throwIfAborted(signal);
    result.push(val);
  }
  return result;
}

async function some(fn, options) {
  validateFn(fn);
  for await (const unused of filter.call(this, fn, options)) { // eslint-disable-line no-unused-vars
    return true;
  }
  return false;
}

async function every(fn, options) {
  validateFn(fn);
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const result of filter.call(this, fn, options)) return result;
  return undefined;
}

async function reduce(reducer, initialValue, options) {
  if (typeof reducer !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('reducer', ['Function', 'AsyncFunction'], reducer);
  }
  checkOptions(options);
  const signal = options && options.signal;
  throwIfAborted(signal);
  let hasInitialValue = arguments.length > 1;
  const ac = new AbortController();
  const onAbort = () => ac.abort(signal.reason);
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  let gotAnyItemFromStream = false;
  try {
    for await (const value of this) {
      gotAnyItemFromStream = true;
      throwIfAborted(signal);
      if (!hasInitialValue) {
        initialValue = value;
        hasInitialValue = true;
      } else {
        initialValue = await reducer(initialValue, value, { signal: ac.signal });
      }
    }
    if (!gotAnyItemFromStream && !hasInitialValue) {
      const err = new codes.ERR_MISSING_ARGS('reduce');
      err.message = 'Reduce of an empty stream requires an initial value';
      throw err;
    }
  } finally {
    ac.abort();
    if (signal) signal.removeEventListener('abort', onAbort);
  }
  return initialValue;
}

export const streamReturning = { map, filter, flatMap, take, drop, asIndexedPairs };
export const promiseReturning = { forEach, toArray, some, every, find, reduce };
