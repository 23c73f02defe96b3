// node:async_hooks — AsyncLocalStorage and AsyncResource. createHook, executionAsyncId,
// triggerAsyncId and executionAsyncResource throw ERR_NOT_IMPLEMENTED.
//
// How the store propagates. The current context is a frame (an immutable Map from each
// AsyncLocalStorage to its store) kept in the engine: atoll's QuickJS carries the async-context
// patch (vendor/rquickjs-sys/PATCHES.md), so every promise reaction — then/catch/finally,
// `await` continuations, Promise.all, queueMicrotask — captures the frame when it is registered
// and runs in it, as Node's AsyncContextFrame does. run()/exit() switch the frame for a
// synchronous call. The JS-side queues are wrapped once the first AsyncLocalStorage or
// AsyncResource exists: setTimeout/setInterval/setImmediate (the globals and
// require('timers')) and process.nextTick capture the frame when a callback is scheduled and
// restore it when it runs. Ops that settle a promise (fs callbacks and streams, fs/promises,
// dns ...) therefore keep the frame. Known gap: events the Rust loop delivers outside a promise
// (socket data/close, HTTP client responses, child process exit) run in whatever frame is
// current, not the one their handle was created in; named ESM imports of node:timers
// (`import { setTimeout } from 'node:timers'`) are not wrapped either.
import process from 'node:process';
import timersModule from 'node:timers';
import { op_async_context_get as getFrame, op_async_context_set as setFrame } from 'atoll:ops';
import { codes } from '../internal/errors.js';
import { validateFunction, validateObject, validateString } from '../internal/validators.js';

const { ERR_NOT_IMPLEMENTED, ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID } = codes;

let installed = false;

function runInFrame(frame, fn, thisArg, args) {
  const prev = getFrame();
  setFrame(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    setFrame(prev);
  }
}

function bindFrame(fn, frame) {
  return function bound(...args) { return runInFrame(frame, fn, this, args); };
}

function wrapScheduler(orig) {
  return function schedule(callback, ...rest) {
    if (typeof callback !== 'function') return Reflect.apply(orig, this, [callback, ...rest]);
    return Reflect.apply(orig, this, [bindFrame(callback, getFrame()), ...rest]);
  };
}

function install() {
  if (installed) return;
  installed = true;
  const g = globalThis;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate']) {
    const wrapped = wrapScheduler(g[name]);
    Object.defineProperty(wrapped, 'name', { value: name });
    g[name] = wrapped;
    try { timersModule[name] = wrapped; } catch { /* frozen */ }
  }
  process.nextTick = wrapScheduler(process.nextTick);
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
    const frame = getFrame();
    return function runInAsyncScope(fn, ...args) {
      return runInFrame(frame, fn, this, args);
    };
  }

  disable() {
    if (this.#enabled) {
      this.#enabled = false;
      setFrame(withoutStore(getFrame(), this));
    }
  }

  getStore() {
    if (!this.#enabled) return undefined;
    const frame = getFrame();
    return frame === undefined ? undefined : frame.get(this);
  }

  enterWith(store) {
    this.#enabled = true;
    setFrame(withStore(getFrame(), this, store));
  }

  run(store, callback, ...args) {
    this.#enabled = true;
    return runInFrame(withStore(getFrame(), this, store), callback, undefined, args);
  }

  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, undefined, args);
    return runInFrame(withoutStore(getFrame(), this), callback, undefined, args);
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
    this.#frame = getFrame();
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
