// AbortController / AbortSignal (DOM Standard, Node 20 flavour).
import { codes } from '../errors.js';
import { validateUint32 } from '../validators.js';
import { Event, EventTarget } from './event_target.js';
import { DOMException } from './dom_exception.js';

const { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS, ERR_INVALID_ARG_TYPE } = codes;

const kCreate = Symbol('kCreate');
const signals = new WeakMap();

function st(self) {
  const s = signals.get(self);
  if (s === undefined) throw new ERR_INVALID_THIS('AbortSignal');
  return s;
}

function createSignal() {
  return new AbortSignal(kCreate);
}

// Signal abort: record the reason, abort dependents, then fire 'abort'.
function abortSignal(signal, reason) {
  const s = signals.get(signal);
  if (s.aborted) return;
  s.aborted = true;
  s.reason = reason;
  const toFire = [signal];
  // Dependent signals (from AbortSignal.any) abort with the same reason,
  // transitively, before any 'abort' event fires.
  for (let i = 0; i < toFire.length; i++) {
    const cur = signals.get(toFire[i]);
    const deps = cur.dependents;
    cur.dependents = [];
    for (const dep of deps) {
      const d = signals.get(dep);
      if (d.aborted) continue;
      d.aborted = true;
      d.reason = reason;
      toFire.push(dep);
    }
  }
  for (const target of toFire) target.dispatchEvent(new Event('abort'));
}

function defaultReason() {
  return new DOMException('This operation was aborted', 'AbortError');
}

export class AbortSignal extends EventTarget {
  constructor(token = undefined) {
    if (token !== kCreate) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
    signals.set(this, { aborted: false, reason: undefined, onabort: null, dependents: [] });
  }

  get aborted() { return st(this).aborted; }

  get reason() { return st(this).reason; }

  throwIfAborted() {
    const s = st(this);
    if (s.aborted) throw s.reason;
  }

  get onabort() { return st(this).onabort; }

  set onabort(handler) {
    const s = st(this);
    const fn = typeof handler === 'function' || (handler !== null && typeof handler === 'object')
      ? handler : null;
    if (fn !== null && s.onabortWrapper === undefined) {
      // The handler keeps the list position of its first registration.
      s.onabortWrapper = function (event) {
        const h = st(this).onabort;
        if (typeof h === 'function') return Reflect.apply(h, this, [event]);
        return undefined;
      };
      this.addEventListener('abort', s.onabortWrapper);
    } else if (fn === null && s.onabortWrapper !== undefined) {
      this.removeEventListener('abort', s.onabortWrapper);
      s.onabortWrapper = undefined;
    }
    s.onabort = fn;
  }

  static abort(reason = undefined) {
    const signal = createSignal();
    const s = signals.get(signal);
    s.aborted = true;
    s.reason = reason === undefined ? defaultReason() : reason;
    return signal;
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = createSignal();
    const timer = setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    if (timer && typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  static any(signalsIterable) {
    if (signalsIterable == null || typeof signalsIterable[Symbol.iterator] !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('signals', 'Array', signalsIterable);
    }
    const list = [...signalsIterable];
    list.forEach((sig, i) => {
      if (!signals.has(sig)) throw new ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', sig);
    });
    const result = createSignal();
    const r = signals.get(result);
    for (const sig of list) {
      const s = signals.get(sig);
      if (s.aborted) {
        r.aborted = true;
        r.reason = s.reason;
        return result;
      }
    }
    for (const sig of list) signals.get(sig).dependents.push(result);
    return result;
  }
}
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, {
  value: 'AbortSignal', writable: false, enumerable: false, configurable: true,
});

const controllers = new WeakMap();

export class AbortController {
  constructor() {
    controllers.set(this, createSignal());
  }

  get signal() {
    const s = controllers.get(this);
    if (s === undefined) throw new ERR_INVALID_THIS('AbortController');
    return s;
  }

  abort(reason = undefined) {
    const s = this.signal;
    abortSignal(s, reason === undefined ? defaultReason() : reason);
  }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, {
  value: 'AbortController', writable: false, enumerable: false, configurable: true,
});

export default { AbortController, AbortSignal };
