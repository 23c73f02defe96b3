// node:events — EventEmitter and helpers (Node 20 semantics), written for atoll.
import { op_require_builtin } from 'atoll:ops';
import { inspect } from '../internal/util/inspect_lazy.js';
import { codes } from '../internal/errors.js';
import {
  validateAbortSignal,
  validateBoolean,
  validateFunction,
  validateNumber,
} from '../internal/validators.js';

const {
  ERR_INVALID_ARG_TYPE,
  ERR_UNHANDLED_ERROR,
} = codes;

const kCapture = Symbol('kCapture');
const kRejection = Symbol.for('nodejs.rejection');
const kErrorMonitor = Symbol('events.errorMonitor');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kDispose = Symbol.dispose ?? Symbol.for('nodejs.dispose');

let defaultMaxListeners = 10;
let defaultCaptureRejections = false;

function nextTick(fn, ...args) {
  const p = globalThis.process;
  if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

function checkListener(listener) {
  validateFunction(listener, 'listener');
}

// ---------------------------------------------------------------------------
// The constructor is a plain function so `EventEmitter.call(this)` works for
// util.inherits-style subclasses; `class X extends EventEmitter` works as well.
function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    // Follow the (possibly changed) global default.
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

EventEmitter.prototype[kCapture] = false;

Object.defineProperties(EventEmitter, {
  captureRejections: {
    enumerable: true,
    get() { return defaultCaptureRejections; },
    set(value) {
      validateBoolean(value, 'EventEmitter.captureRejections');
      defaultCaptureRejections = value;
      EventEmitter.prototype[kCapture] = value;
    },
  },
  defaultMaxListeners: {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(n) {
      validateNumber(n, 'defaultMaxListeners', 0);
      defaultMaxListeners = n;
    },
  },
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false },
  kMaxEventTargetListenersWarned: { value: Symbol('events.maxEventTargetListenersWarned'), enumerable: false },
});

EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.captureRejectionSymbol = kRejection;
EventEmitter.usingDomains = false;

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateNumber(n, 'setMaxListeners', 0);
  this._maxListeners = n;
  return this;
};

function maxListenersOf(that) {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return maxListenersOf(this);
};

// --- emit -------------------------------------------------------------------

function handleRejection(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
    return;
  }
  const prev = ee[kCapture];
  try {
    ee[kCapture] = false; // avoid loops if the 'error' handler itself rejects
    ee.emit('error', err);
  } finally {
    ee[kCapture] = prev;
  }
}

function watchResult(ee, result, type, args) {
  if (result === undefined || result === null) return;
  try {
    const then = result.then;
    if (typeof then === 'function') {
      then.call(result, undefined, (err) => nextTick(handleRejection, ee, err, type, args));
    }
  } catch (err) {
    ee.emit('error', err);
  }
}

function unhandledError(ee, args) {
  const er = args.length > 0 ? args[0] : undefined;
  if (er instanceof Error) throw er;
  const err = new ERR_UNHANDLED_ERROR(er);
  err.context = er;
  throw err;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  const isError = type === 'error';

  if (isError && events !== undefined && events[kErrorMonitor] !== undefined) {
    this.emit(kErrorMonitor, ...args);
  }
  const handler = events === undefined ? undefined : events[type];
  if (handler === undefined) {
    if (isError) unhandledError(this, args);
    return false;
  }

  if (typeof handler === 'function') {
    const result = Reflect.apply(handler, this, args);
    if (this[kCapture]) watchResult(this, result, type, args);
  } else {
    // Copy so that listeners added/removed during emit don't affect this round.
    const list = handler.slice();
    for (let i = 0; i < list.length; i++) {
      const result = Reflect.apply(list[i], this, args);
      if (this[kCapture]) watchResult(this, result, type, args);
    }
  }
  return true;
};

// --- adding listeners ------------------------------------------------------

function warnTooMany(target, type, list) {
  const proc = globalThis.process;
  const w = new Error(
    `Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners ` +
    `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${maxListenersOf(target)}. ` +
    'Use emitter.setMaxListeners() to increase limit');
  w.name = 'MaxListenersExceededWarning';
  w.emitter = target;
  w.type = type;
  w.count = list.length;
  if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(w);
  else if (typeof console !== 'undefined') console.error(`(node) ${w.name}: ${w.message}`);
}

function addListenerImpl(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ?? listener);
    events = target._events; // a newListener handler may have replaced it
  }

  let existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
    return target;
  }
  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }

  const max = maxListenersOf(target);
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true;
    warnTooMany(target, type, existing);
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return addListenerImpl(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListenerImpl(this, type, listener, true);
};

function makeOnceWrapper(target, type, listener) {
  const state = { fired: false, target, type, listener, wrapFn: undefined };
  function onceWrapper(...args) {
    if (state.fired) return undefined;
    state.target.removeListener(state.type, state.wrapFn);
    state.fired = true;
    return Reflect.apply(state.listener, state.target, args);
  }
  Object.defineProperty(onceWrapper, 'name', { value: 'bound onceWrapper' });
  onceWrapper.listener = listener;
  state.wrapFn = onceWrapper;
  return onceWrapper;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, makeOnceWrapper(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, makeOnceWrapper(this, type, listener));
  return this;
};

// --- removing listeners ------------------------------------------------------

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount--;
    if (this._eventsCount === 0) this._events = { __proto__: null };
    else delete events[type];
    if (this._events.removeListener !== undefined) {
      this.emit('removeListener', type, list.listener ?? listener);
    }
    return this;
  }
  if (typeof list === 'function') return this;

  let position = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      position = i;
      break;
    }
  }
  if (position < 0) return this;
  const removed = list[position];
  list.splice(position, 1);
  if (list.length === 1) events[type] = list[0];
  if (events.removeListener !== undefined) {
    this.emit('removeListener', type, removed.listener ?? listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;

  if (events.removeListener === undefined) {
    // Nobody watches removals: just drop the storage.
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    return this;
  }

  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = { __proto__: null };
    this._eventsCount = 0;
    return this;
  }

  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    // Remove in LIFO order.
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

// --- introspection -----------------------------------------------------------

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((fn) => fn.listener || fn) : l.slice();
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

function listenerCountImpl(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const l = events[type];
  if (l === undefined) return 0;
  if (typeof l === 'function') {
    if (listener != null) return (listener === l || listener === l.listener) ? 1 : 0;
    return 1;
  }
  if (listener != null) {
    let n = 0;
    for (const fn of l) if (fn === listener || fn.listener === listener) n++;
    return n;
  }
  return l.length;
}

EventEmitter.prototype.listenerCount = listenerCountImpl;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// --- statics -------------------------------------------------------------------

function isEventTarget(obj) {
  return obj != null && typeof obj.addEventListener === 'function' &&
    typeof obj.removeEventListener === 'function';
}

function listenerCount(emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return Reflect.apply(listenerCountImpl, emitter, [type]);
}

function getEventListeners(emitterOrTarget, type) {
  if (emitterOrTarget != null && typeof emitterOrTarget.listeners === 'function') {
    return emitterOrTarget.listeners(type);
  }
  if (isEventTarget(emitterOrTarget)) {
    // EventTarget has no public listener enumeration; an atoll EventTarget may expose
    // its listeners through this well-known hook.
    const hook = emitterOrTarget[Symbol.for('atoll.eventTargetListeners')];
    if (typeof hook === 'function') return hook.call(emitterOrTarget, type);
    return [];
  }
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (emitterOrTarget != null && typeof emitterOrTarget.getMaxListeners === 'function') {
    return emitterOrTarget.getMaxListeners();
  }
  if (isEventTarget(emitterOrTarget)) {
    return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
  }
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
  validateNumber(n, 'setMaxListeners', 0);
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
    } else if (target != null && typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw new ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

function addAbortListener(signal, listener) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let removed = false;
  if (signal.aborted) {
    nextTick(() => listener());
  } else {
    signal.addEventListener('abort', listener, { once: true });
  }
  return {
    [kDispose]() {
      if (removed) return;
      removed = true;
      signal.removeEventListener('abort', listener);
    },
  };
}

// events.once() and events.on() live in internal/events_static.js, loaded on first call: most
// programs that load node:events (every one that touches process) never use them.
let statics = null;
const loadStatics = () => (statics ??= op_require_builtin('atoll:internal/events_static'));
function once(emitter, name, options = undefined) {
  return loadStatics().once(emitter, name, options);
}
function on(emitter, event, options = undefined) {
  return loadStatics().on(emitter, event, options);
}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.listenerCount = listenerCount;
EventEmitter.addAbortListener = addAbortListener;

const errorMonitor = kErrorMonitor;
const captureRejectionSymbol = kRejection;
const usingDomains = false;
const init = EventEmitter.init;

export {
  EventEmitter,
  once,
  on,
  getEventListeners,
  getMaxListeners,
  setMaxListeners,
  listenerCount,
  addAbortListener,
  errorMonitor,
  captureRejectionSymbol,
  usingDomains,
  init,
  defaultMaxListeners,
};
export default EventEmitter;
