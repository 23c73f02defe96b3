// events.once() and events.on() (node:events exports thin wrappers that load this on first
// call).
import { codes, AbortError } from './errors.js';
import { validateAbortSignal, validateNumber, validateObject } from './validators.js';

const { ERR_INVALID_ARG_TYPE } = codes;

function abortErrorFor(signal) {
  return new AbortError(undefined, { cause: signal?.reason });
}

function isEventTarget(obj) {
  return obj != null && typeof obj.addEventListener === 'function' &&
    typeof obj.removeEventListener === 'function';
}

function isEmitter(obj) {
  return obj != null && typeof obj.on === 'function' && typeof obj.removeListener === 'function';
}

export async function once(emitter, name, options = {}) {
  validateObject(options, 'options');
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw abortErrorFor(signal);

  return new Promise((resolve, reject) => {
    let cleanup;
    const onAbort = () => {
      cleanup();
      reject(abortErrorFor(signal));
    };

    if (isEmitter(emitter)) {
      const onError = (err) => {
        cleanup();
        reject(err);
      };
      const onEvent = (...args) => {
        cleanup();
        resolve(args);
      };
      cleanup = () => {
        emitter.removeListener(name, onEvent);
        if (name !== 'error') emitter.removeListener('error', onError);
        signal?.removeEventListener('abort', onAbort);
      };
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
    } else if (isEventTarget(emitter)) {
      const onEvent = (event) => {
        cleanup();
        resolve([event]);
      };
      cleanup = () => {
        emitter.removeEventListener(name, onEvent);
        signal?.removeEventListener('abort', onAbort);
      };
      emitter.addEventListener(name, onEvent, { once: true });
    } else {
      throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const AsyncIteratorPrototype = Object.getPrototypeOf(
  Object.getPrototypeOf(async function* () {}).prototype);

export function on(emitter, event, options = {}) {
  validateObject(options, 'options');
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw abortErrorFor(signal);
  const closeEvents = options.close ?? [];
  const highWaterMark = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateNumber(highWaterMark, 'options.highWaterMark', 1);
  const lowWaterMark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateNumber(lowWaterMark, 'options.lowWaterMark', 1);

  const events = [];   // buffered event argument arrays
  const waiting = [];  // pending {resolve, reject}
  let pendingError = null;
  let finished = false;
  let paused = false;
  const removers = [];

  function listen(name, fn) {
    if (isEmitter(emitter)) {
      emitter.on(name, fn);
      removers.push(() => emitter.removeListener(name, fn));
    } else if (isEventTarget(emitter)) {
      emitter.addEventListener(name, fn);
      removers.push(() => emitter.removeEventListener(name, fn));
    } else {
      throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
    }
  }

  function done() {
    return { value: undefined, done: true };
  }

  function onEvent(...args) {
    if (waiting.length > 0) {
      waiting.shift().resolve({ value: args, done: false });
      return;
    }
    events.push(args);
    if (!paused && events.length > highWaterMark && typeof emitter.pause === 'function') {
      paused = true;
      emitter.pause();
    }
  }

  function onError(err) {
    if (waiting.length > 0) waiting.shift().reject(err);
    else pendingError = err;
    close();
  }

  function close() {
    for (const r of removers.splice(0)) r();
    signal?.removeEventListener('abort', onAbort);
    finished = true;
    while (waiting.length > 0) waiting.shift().resolve(done());
    return Promise.resolve(done());
  }

  function onAbort() {
    onError(abortErrorFor(signal));
  }

  const iterator = Object.setPrototypeOf({
    next() {
      if (events.length > 0) {
        const value = events.shift();
        if (paused && events.length < lowWaterMark && typeof emitter.resume === 'function') {
          paused = false;
          emitter.resume();
        }
        return Promise.resolve({ value, done: false });
      }
      if (pendingError) {
        const p = Promise.reject(pendingError);
        pendingError = null;
        return p;
      }
      if (finished) return Promise.resolve(done());
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      return close();
    },
    throw(err) {
      if (!err || !(err instanceof Error)) {
        throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', err);
      }
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, AsyncIteratorPrototype);

  listen(event, onEvent);
  if (event !== 'error' && isEmitter(emitter)) listen('error', onError);
  for (const name of closeEvents) listen(name, close);
  signal?.addEventListener('abort', onAbort, { once: true });
  return iterator;
}
