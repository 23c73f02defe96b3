// Event, CustomEvent and EventTarget (DOM Standard subset as exposed by Node).
import { codes } from '../errors.js';

const { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS, ERR_EVENT_RECURSION, ERR_INVALID_THIS } = codes;

// Internal per-event state, kept off the object so it cannot be tampered with.
const events = new WeakMap();

function ev(self, cls = 'Event') {
  const s = events.get(self);
  if (s === undefined) throw new ERR_INVALID_THIS(cls);
  return s;
}

function now() {
  const perf = globalThis.performance;
  return perf && typeof perf.now === 'function' ? perf.now() : Date.now();
}

export class Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    if (options != null && typeof options !== 'object' && typeof options !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const o = options ?? {};
    events.set(this, {
      type: `${type}`,
      bubbles: !!o.bubbles,
      cancelable: !!o.cancelable,
      composed: !!o.composed,
      defaultPrevented: false,
      timeStamp: now(),
      target: null,
      currentTarget: null,
      phase: 0,
      stopPropagation: false,
      stopImmediate: false,
      inPassive: false,
      dispatching: false,
    });
    // `isTrusted` is an own, unforgeable property (false for script events).
    Object.defineProperty(this, 'isTrusted', {
      get: isTrustedGetter, enumerable: true, configurable: false,
    });
  }

  get type() { return ev(this).type; }

  get bubbles() { return ev(this).bubbles; }

  get cancelable() { return ev(this).cancelable; }

  get composed() { return ev(this).composed; }

  get defaultPrevented() { const s = ev(this); return s.cancelable && s.defaultPrevented; }

  get timeStamp() { return ev(this).timeStamp; }

  get target() { return ev(this).target; }

  get currentTarget() { return ev(this).currentTarget; }

  get srcElement() { return ev(this).target; }

  get eventPhase() { return ev(this).phase; }

  get returnValue() { const s = ev(this); return !(s.cancelable && s.defaultPrevented); }

  set returnValue(v) { if (!v) this.preventDefault(); }

  get cancelBubble() { return ev(this).stopPropagation; }

  set cancelBubble(v) { if (v) ev(this).stopPropagation = true; }

  composedPath() {
    const s = ev(this);
    return s.dispatching && s.currentTarget ? [s.currentTarget] : [];
  }

  preventDefault() {
    const s = ev(this);
    if (s.cancelable && !s.inPassive) s.defaultPrevented = true;
  }

  stopPropagation() { ev(this).stopPropagation = true; }

  stopImmediatePropagation() {
    const s = ev(this);
    s.stopPropagation = true;
    s.stopImmediate = true;
  }
}

const isTrustedGetter = Object.getOwnPropertyDescriptor({ get isTrusted() { return false; } }, 'isTrusted').get;

const PHASES = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
for (const [k, v] of Object.entries(PHASES)) {
  const desc = { value: v, writable: false, enumerable: true, configurable: false };
  Object.defineProperty(Event, k, desc);
  Object.defineProperty(Event.prototype, k, desc);
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, {
  value: 'Event', writable: false, enumerable: false, configurable: true,
});

const details = new WeakMap();

export class CustomEvent extends Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type, options);
    details.set(this, options?.detail ?? null);
  }

  get detail() {
    if (!details.has(this)) throw new ERR_INVALID_THIS('CustomEvent');
    return details.get(this);
  }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, {
  value: 'CustomEvent', writable: false, enumerable: false, configurable: true,
});

function reportListenerError(err) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(err);
  } else {
    queueMicrotask(() => { throw err; });
  }
}

function flattenOptions(options) {
  if (options === null || options === undefined) return { capture: false };
  if (typeof options === 'boolean') return { capture: options };
  if (typeof options !== 'object' && typeof options !== 'function') return { capture: !!options };
  return {
    capture: !!options.capture,
    once: !!options.once,
    passive: !!options.passive,
    signal: options.signal,
  };
}

const targets = new WeakMap();

function listenersOf(self) {
  const m = targets.get(self);
  if (m === undefined) throw new ERR_INVALID_THIS('EventTarget');
  return m;
}

export class EventTarget {
  constructor() {
    targets.set(this, new Map());
  }

  addEventListener(type, listener, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    const { capture, once, passive, signal } = flattenOptions(options);
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
    }
    if (listener == null) return;
    if (typeof listener !== 'function' && typeof listener !== 'object') return;
    if (signal && signal.aborted) return;
    type = `${type}`;
    let list = map.get(type);
    if (list === undefined) map.set(type, list = { head: null, tail: null });
    for (let l = list.head; l !== null; l = l.next) {
      if (l.listener === listener && l.capture === capture) return;
    }
    const entry = { listener, capture, once, passive, removed: false, prev: list.tail, next: null };
    if (list.tail !== null) list.tail.next = entry;
    else list.head = entry;
    list.tail = entry;
    if (signal) {
      signal.addEventListener('abort', () => {
        this.removeEventListener(type, listener, { capture });
      }, { once: true });
    }
  }

  removeEventListener(type, listener, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    const { capture } = flattenOptions(options);
    type = `${type}`;
    const list = map.get(type);
    if (list === undefined) return;
    for (let l = list.head; l !== null; l = l.next) {
      if (l.listener !== listener || l.capture !== capture) continue;
      // Unlink, but keep `l.next` so a dispatch standing on `l` can go on.
      l.removed = true;
      if (l.prev !== null) l.prev.next = l.next;
      else list.head = l.next;
      if (l.next !== null) l.next.prev = l.prev;
      else list.tail = l.prev;
      if (list.head === null) map.delete(type);
      return;
    }
  }

  dispatchEvent(event) {
    const map = listenersOf(this);
    if (!(event instanceof Event) || !events.has(event)) {
      throw new ERR_INVALID_ARG_TYPE('event', 'Event', event);
    }
    const s = events.get(event);
    if (s.dispatching) throw new ERR_EVENT_RECURSION(s.type);
    s.dispatching = true;
    s.target = this;
    s.currentTarget = this;
    s.phase = 2;
    const list = map.get(s.type);
    // Like Node: each step looks up the following listener before calling
    // the current one, so listeners appended behind the last one don't run.
    let entry = list === undefined ? null : list.head;
    while (entry !== null) {
      const next = entry.next;
      if (!entry.removed) {
        if (entry.once) this.removeEventListener(s.type, entry.listener, { capture: entry.capture });
        const { listener } = entry;
        s.inPassive = entry.passive;
        try {
          if (typeof listener === 'function') {
            Reflect.apply(listener, this, [event]);
          } else {
            const handleEvent = listener.handleEvent;
            if (typeof handleEvent === 'function') Reflect.apply(handleEvent, listener, [event]);
          }
        } catch (err) {
          reportListenerError(err);
        }
        s.inPassive = false;
        if (s.stopImmediate) break;
      }
      entry = next;
    }
    s.dispatching = false;
    s.currentTarget = null;
    s.phase = 0;
    s.stopPropagation = false;
    s.stopImmediate = false;
    return !(s.cancelable && s.defaultPrevented);
  }
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, {
  value: 'EventTarget', writable: false, enumerable: false, configurable: true,
});

export default { Event, CustomEvent, EventTarget };
