// node:async_hooks — AsyncLocalStorage and AsyncResource. createHook, executionAsyncId,
// triggerAsyncId and executionAsyncResource throw ERR_NOT_IMPLEMENTED.
//
// How the store propagates. The current context is a frame (an immutable Map from each
// AsyncLocalStorage to its store). run()/exit() switch it for a synchronous call; once the first
// AsyncLocalStorage exists, the frame is captured when a callback is *scheduled* and restored
// when it runs, for: setTimeout/setInterval/setImmediate and queueMicrotask (the globals and
// require('timers')), process.nextTick, and promise callbacks (then/catch/finally). Callbacks
// scheduled before the first AsyncLocalStorage was created run in the empty frame.
//
// Known gap (QuickJS-ng): its promise hook has no before/after events for promise reaction jobs,
// so an `await` continuation cannot be given the frame it was created in. atoll approximates:
// a timer or immediate callback keeps its frame while the ticks and microtasks it caused run,
// so `await`ing a promise resolved by a timer (e.g. `await setTimeout(...)`-style sleeps) keeps
// the store; after `await`ing a promise settled by native I/O (fs/net/child_process promises)
// getStore() returns undefined — use AsyncLocalStorage.bind/snapshot or AsyncResource there.
// Named ESM imports of node:timers (`import { setTimeout } from 'node:timers'`) and
// timers/promises are not wrapped either.
import process from 'node:process';
import timersModule from 'node:timers';
import { runTicks } from '../internal/timers.js';
import { codes } from '../internal/errors.js';
import { validateFunction, validateObject, validateString } from '../internal/validators.js';

const { ERR_NOT_IMPLEMENTED, ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID } = codes;

let currentFrame;
let installed = false;

function runInFrame(frame, fn, thisArg, args) {
  const prev = currentFrame;
  currentFrame = frame;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    currentFrame = prev;
  }
}

function bindFrame(fn, frame, drain) {
  if (!drain) {
    return function bound(...args) { return runInFrame(frame, fn, this, args); };
  }
  return function boundMacrotask(...args) {
    const prev = currentFrame;
    currentFrame = frame;
    let result;
    try {
      result = Reflect.apply(fn, this, args);
    } catch (err) {
      currentFrame = prev;
      throw err;
    }
    // The ticks and microtasks this callback caused run now (the loop would run them next
    // anyway), still in its frame: the closest QuickJS gets to resuming awaits in context.
    try {
      runTicks();
    } finally {
      currentFrame = prev;
    }
    return result;
  };
}

function wrapScheduler(orig, drain) {
  return function schedule(callback, ...rest) {
    if (typeof callback !== 'function') return Reflect.apply(orig, this, [callback, ...rest]);
    return Reflect.apply(orig, this, [bindFrame(callback, currentFrame, drain), ...rest]);
  };
}

function install() {
  if (installed) return;
  installed = true;
  const g = globalThis;
  for (const [name, drain] of [['setTimeout', true], ['setInterval', true], ['setImmediate', true]]) {
    const wrapped = wrapScheduler(g[name], drain);
    Object.defineProperty(wrapped, 'name', { value: name });
    g[name] = wrapped;
    try { timersModule[name] = wrapped; } catch { /* frozen */ }
  }
  const qm = g.queueMicrotask;
  g.queueMicrotask = function queueMicrotask(callback) {
    if (typeof callback !== 'function') return qm(callback);
    return qm(bindFrame(callback, currentFrame, false));
  };
  process.nextTick = wrapScheduler(process.nextTick, false);
  const then = Promise.prototype.then;
  Object.defineProperty(Promise.prototype, 'then', {
    value: {
      then(onFulfilled, onRejected) {
        const frame = currentFrame;
        return Reflect.apply(then, this, [
          typeof onFulfilled === 'function' ? bindFrame(onFulfilled, frame, false) : onFulfilled,
          typeof onRejected === 'function' ? bindFrame(onRejected, frame, false) : onRejected,
        ]);
      },
    }.then,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

function withStore(frame, als, store) {
  const next = new Map(frame);
  next.set(als, store);
  return next;
}

function withoutStore(frame, als) {
  if (frame === undefined || !frame.has(als)) return frame;
  const next = new Map(frame);
  next.delete(als);
  return next.size === 0 ? undefined : next;
}

export class AsyncLocalStorage {
  #enabled = false;

  constructor() {
    install();
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    const frame = currentFrame;
    return function runInAsyncScope(fn, ...args) {
      return runInFrame(frame, fn, this, args);
    };
  }

  disable() {
    if (this.#enabled) {
      this.#enabled = false;
      currentFrame = withoutStore(currentFrame, this);
    }
  }

  getStore() {
    if (!this.#enabled || currentFrame === undefined) return undefined;
    return currentFrame.get(this);
  }

  enterWith(store) {
    this.#enabled = true;
    currentFrame = withStore(currentFrame, this, store);
  }

  run(store, callback, ...args) {
    this.#enabled = true;
    return runInFrame(withStore(currentFrame, this, store), callback, undefined, args);
  }

  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, undefined, args);
    return runInFrame(withoutStore(currentFrame, this), callback, undefined, args);
  }
}

let nextAsyncId = 1;

export class AsyncResource {
  #frame;
  #asyncId;
  #triggerAsyncId;

  constructor(type, opts = {}) {
    validateString(type, 'type');
    if (type.length === 0) throw new ERR_ASYNC_TYPE(type);
    let triggerAsyncId = opts;
    let requireManualDestroy = false;
    if (typeof opts !== 'number') {
      if (opts !== undefined && opts !== null) validateObject(opts, 'options');
      triggerAsyncId = opts?.triggerAsyncId === undefined ? 1 : opts.triggerAsyncId;
      requireManualDestroy = !!opts?.requireManualDestroy;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || triggerAsyncId < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', triggerAsyncId);
    }
    void requireManualDestroy;
    install();
    this.#frame = currentFrame;
    this.#asyncId = ++nextAsyncId;
    this.#triggerAsyncId = triggerAsyncId;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    return runInFrame(this.#frame, fn, thisArg, args);
  }

  emitDestroy() { return this; }

  asyncId() { return this.#asyncId; }

  triggerAsyncId() { return this.#triggerAsyncId; }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    const resource = this;
    let bound;
    if (thisArg === undefined) {
      bound = function boundFn(...args) { return resource.runInAsyncScope(fn, this, ...args); };
    } else {
      bound = (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
    }
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: { configurable: true, enumerable: true, value: this, writable: true },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    type = type || fn.name || 'bound-anonymous-fn';
    return (new AsyncResource(type)).bind(fn, thisArg);
  }
}

function notImplemented(name) {
  return function notImplementedHook() {
    throw new ERR_NOT_IMPLEMENTED(`async_hooks.${name}`);
  };
}

export const createHook = notImplemented('createHook');
export const executionAsyncId = notImplemented('executionAsyncId');
export const triggerAsyncId = notImplemented('triggerAsyncId');
export const executionAsyncResource = notImplemented('executionAsyncResource');
export const asyncWrapProviders = Object.freeze({ __proto__: null });

export default {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId,
  executionAsyncResource, asyncWrapProviders,
};
