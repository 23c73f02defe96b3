// Timers, immediates and the nextTick queue; the Rust event loop drives them through the hooks
// that bootstrap.js hands it (runTimers / runImmediates / runTicks). Loaded on first use: the
// global setTimeout & co. live in bootstrap.js, which this module registers with below.
import { op_now, op_run_microtasks } from 'atoll:ops';
import {
  handleUncaught, processRejections, callbackError as makeCallbackError, registerTimers,
} from './bootstrap.js';

const TIMEOUT_MAX = 2 ** 31 - 1;

// ---- nextTick ----
// One flat queue of (function, argument) pairs: user ticks go through callTick with their
// {callback, args}; internal ones (queueTick) skip the rest-array and record.
let ticks = [];
let tickHead = 0;

function callTick(tick) {
  const { callback, args } = tick;
  if (args.length === 0) callback(); else callback(...args);
}

export function nextTick(callback, ...args) {
  if (typeof callback !== 'function') {
    throw makeCallbackError(callback);
  }
  ticks.push(callTick, { callback, args });
}

// process.nextTick(fn, arg) for the runtime's own one-argument callbacks.
export function queueTick(fn, arg) {
  ticks.push(fn, arg);
}

// An exception from a callback the runtime itself dispatches (socket events in a batch).
export function reportUncaught(err) { handleUncaught(err); }

// Node's processTicksAndRejections: the whole tick queue (ticks added meanwhile included), then
// the microtasks, until both are empty. op_run_microtasks says whether promise rejections were
// tracked meanwhile (only then is there anything for processRejections to do).
export function runTicks() {
  do {
    while (tickHead < ticks.length) {
      const fn = ticks[tickHead];
      const arg = ticks[tickHead + 1];
      ticks[tickHead] = undefined;
      ticks[tickHead + 1] = undefined;
      tickHead += 2;
      try {
        fn(arg);
      } catch (err) {
        handleUncaught(err);
      }
    }
    if (tickHead !== 0) {
      // A small queue is emptied in place and keeps its storage for the next batch (the
      // consumed slots were cleared above); a big one is let go.
      if (tickHead > 1024) ticks = [];
      else ticks.length = 0;
      tickHead = 0;
    }
  } while ((op_run_microtasks() && processRejections()) || tickHead < ticks.length);
}

// ---- timers: a binary min-heap on (when, seq) with lazy deletion ----
const heap = [];
let seq = 0;
let refedTimers = 0;
const byId = new Map(); // numeric id -> Timeout, for clearTimeout(+timeout)

function less(a, b) { return a.when < b.when || (a.when === b.when && a.seq < b.seq); }
function push(entry) {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX && globalThis.process?.emitWarning) {
      globalThis.process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

let nextId = 1;

export class Timeout {
  constructor(callback, after, args, repeat) {
    this._idleTimeout = coerceDelay(after);
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? this._idleTimeout : null;
    this._destroyed = false;
    this._refed = true;
    this._id = nextId++;
    this._entry = null;
    refedTimers++;
    byId.set(this._id, this);
    this._schedule();
  }

  _schedule() {
    this._entry = { when: op_now() + this._idleTimeout, seq: seq++, timer: this };
    push(this._entry);
  }

  refresh() {
    if (!this._destroyed) {
      this._entry.timer = null; // the old heap entry becomes stale
      this._schedule();
    }
    return this;
  }

  ref() {
    if (!this._refed && !this._destroyed) refedTimers++;
    this._refed = true;
    return this;
  }

  unref() {
    if (this._refed && !this._destroyed) refedTimers--;
    this._refed = false;
    return this;
  }

  hasRef() { return this._refed; }

  close() { clearTimer(this); return this; }

  [Symbol.toPrimitive]() { return this._id; }
}

export function clearTimer(timer) {
  if (timer == null) return;
  if (typeof timer === 'number' || typeof timer === 'string') timer = byId.get(Number(timer));
  if (!(timer instanceof Timeout) || timer._destroyed) return;
  timer._destroyed = true;
  if (timer._refed) refedTimers--;
  if (timer._entry) timer._entry.timer = null;
  byId.delete(timer._id);
}

// Timers phase: run every timer due now, in (deadline, creation) order. Returns ms until the
// next live timer, or -1.
export function runTimers() {
  const now = op_now();
  while (heap.length > 0 && heap[0].when <= now) {
    const entry = pop();
    const timer = entry.timer;
    if (timer === null || timer._destroyed) continue;
    if (timer._repeat === null) {
      timer._destroyed = true;
      if (timer._refed) refedTimers--;
      byId.delete(timer._id);
    }
    try {
      const args = timer._timerArgs;
      if (args.length === 0) timer._onTimeout(); else timer._onTimeout(...args);
    } catch (err) {
      handleUncaught(err);
    }
    if (timer._repeat !== null && !timer._destroyed && timer._entry === entry) timer._schedule();
    runTicks();
  }
  while (heap.length > 0 && (heap[0].timer === null || heap[0].timer._destroyed)) pop();
  return heap.length > 0 ? Math.max(0, heap[0].when - op_now()) : -1;
}

// ---- immediates ----
let immediates = [];
let refedImmediates = 0;

export class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._refed = true;
    refedImmediates++;
  }
  ref() {
    if (!this._refed && !this._destroyed) refedImmediates++;
    this._refed = true;
    return this;
  }
  unref() {
    if (this._refed && !this._destroyed) refedImmediates--;
    this._refed = false;
    return this;
  }
  hasRef() { return this._refed; }
}

export function addImmediate(callback, args) {
  const imm = new Immediate(callback, args);
  immediates.push(imm);
  return imm;
}

export function clearImmediate(imm) {
  if (!(imm instanceof Immediate) || imm._destroyed) return;
  imm._destroyed = true;
  if (imm._refed) refedImmediates--;
}

// Check phase: immediates queued before this phase ran; new ones wait for the next turn.
export function runImmediates() {
  const queue = immediates;
  immediates = [];
  for (const imm of queue) {
    if (imm._destroyed) continue;
    imm._destroyed = true;
    if (imm._refed) refedImmediates--;
    try {
      const args = imm._argv;
      if (args.length === 0) imm._onImmediate(); else imm._onImmediate(...args);
    } catch (err) {
      handleUncaught(err);
    }
    runTicks();
  }
}

export function hasImmediates() {
  return immediates.some((i) => !i._destroyed);
}

export function hasRefs() {
  return refedTimers > 0 || refedImmediates > 0;
}

registerTimers({
  Timeout, clearTimer, addImmediate, clearImmediate,
  runTicks, runTimers, runImmediates, hasImmediates, hasRefs,
});
