// WHATWG Streams (ReadableStream, WritableStream, TransformStream, queuing strategies, the
// encoding streams and Compression/DecompressionStream), after the spec's abstract operations.
// Installed as lazy globals by the bootstrap; `node:stream/web` re-exports them. Byte streams
// (`type: 'bytes'`) take ArrayBufferView chunks and support BYOB readers by copying out of
// the queue; `controller.byobRequest` is always null (sources just enqueue).
import { op_require_builtin } from 'atoll:ops';
import { codes } from '../errors.js';
import { TextEncoder, TextDecoder } from './encoding.js';

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_ILLEGAL_CONSTRUCTOR } = codes;

const kInternal = Symbol('kInternal');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

function typeError(message) {
  return new TypeError(message);
}
function invalidState(message) {
  return new ERR_INVALID_STATE.TypeError(message);
}

function deferred() {
  const d = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
  d.promise = new Promise((res, rej) => {
    d.resolve = (v) => { d.settled = true; res(v); };
    d.reject = (e) => { d.settled = true; rej(e); };
  });
  return d;
}
function rejectedDeferred(e) {
  const d = deferred();
  d.reject(e);
  setHandled(d.promise);
  return d;
}
const resolved = (v) => Promise.resolve(v);
const rejected = (e) => Promise.reject(e);
function setHandled(p) {
  p.then(undefined, () => {});
  return p;
}
function promiseCall(fn, thisArg, ...args) {
  if (fn === undefined) return resolved(undefined);
  try {
    return Promise.resolve(Reflect.apply(fn, thisArg, args));
  } catch (e) {
    return rejected(e);
  }
}
function getMethod(obj, name) {
  if (obj === undefined || obj === null) return undefined;
  const m = obj[name];
  if (m === undefined || m === null) return undefined;
  if (typeof m !== 'function') throw new ERR_INVALID_ARG_TYPE(name, 'Function', m);
  return m;
}
function queueTask(fn) {
  queueMicrotask(fn);
}

// ---- queuing strategies ----------------------------------------------------------------------

function extractHWM(strategy, dflt) {
  const hwm = strategy?.highWaterMark;
  if (hwm === undefined) return dflt;
  const n = Number(hwm);
  if (Number.isNaN(n) || n < 0) throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', hwm);
  return n;
}
function extractSize(strategy) {
  const size = strategy?.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw new ERR_INVALID_ARG_TYPE('strategy.size', 'Function', size);
  return (chunk) => size(chunk);
}

const byteSize = function size(chunk) { return chunk.byteLength; };
const countSize = function size() { return 1; };

export class ByteLengthQueuingStrategy {
  constructor(init) {
    if (init === null || typeof init !== 'object') throw new ERR_INVALID_ARG_TYPE('init', 'Object', init);
    if (init.highWaterMark === undefined) throw new ERR_INVALID_ARG_VALUE('init.highWaterMark', undefined);
    this[kInternal] = { highWaterMark: Number(init.highWaterMark) };
  }
  get highWaterMark() { return this[kInternal].highWaterMark; }
  get size() { return byteSize; }
}
export class CountQueuingStrategy {
  constructor(init) {
    if (init === null || typeof init !== 'object') throw new ERR_INVALID_ARG_TYPE('init', 'Object', init);
    if (init.highWaterMark === undefined) throw new ERR_INVALID_ARG_VALUE('init.highWaterMark', undefined);
    this[kInternal] = { highWaterMark: Number(init.highWaterMark) };
  }
  get highWaterMark() { return this[kInternal].highWaterMark; }
  get size() { return countSize; }
}

// ---- queue-with-sizes ------------------------------------------------------------------------

function enqueueValueWithSize(c, value, size) {
  size = Number(size);
  if (!(size >= 0) || size === Infinity) throw new RangeError('The size of a chunk must be a finite, non-negative number');
  c.queue.push({ value, size });
  c.queueTotalSize += size;
}
function dequeueValue(c) {
  const pair = c.queue.shift();
  c.queueTotalSize -= pair.size;
  if (c.queueTotalSize < 0) c.queueTotalSize = 0;
  return pair.value;
}
function resetQueue(c) {
  c.queue = [];
  c.queueTotalSize = 0;
}

// ---- ReadableStream --------------------------------------------------------------------------

const kState = Symbol('kState');

export class ReadableStream {
  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource === null) underlyingSource = undefined;
    if (underlyingSource !== undefined && typeof underlyingSource !== 'object' && typeof underlyingSource !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('source', 'Object', underlyingSource);
    }
    if (strategy !== undefined && strategy !== null && typeof strategy !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    }
    initReadable(this);
    const type = underlyingSource?.type;
    if (type !== undefined && `${type}` !== 'bytes') {
      throw new ERR_INVALID_ARG_VALUE('source.type', type);
    }
    const isBytes = type !== undefined;
    if (isBytes && strategy?.size !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size', strategy.size, 'must be undefined for byte streams');
    }
    const hwm = extractHWM(strategy, isBytes ? 0 : 1);
    const size = isBytes ? byteSize : extractSize(strategy);
    const start = getMethod(underlyingSource, 'start');
    const pull = getMethod(underlyingSource, 'pull');
    const cancel = getMethod(underlyingSource, 'cancel');
    if (isBytes) {
      const ac = underlyingSource.autoAllocateChunkSize;
      if (ac !== undefined && !(Number(ac) > 0)) throw new ERR_INVALID_ARG_VALUE.RangeError('source.autoAllocateChunkSize', ac);
    }
    setupController(this, isBytes ? ReadableByteStreamController : ReadableStreamDefaultController,
      () => (start ? Reflect.apply(start, underlyingSource, [this[kState].controller]) : undefined),
      () => promiseCall(pull, underlyingSource, this[kState].controller),
      (reason) => promiseCall(cancel, underlyingSource, reason),
      hwm, size, isBytes);
  }

  get locked() {
    return isLocked(state(this));
  }

  cancel(reason = undefined) {
    const s = state(this, true);
    if (!s) return rejected(typeError('Illegal invocation'));
    if (isLocked(s)) return rejected(invalidState('ReadableStream is locked'));
    return readableCancel(this, reason);
  }

  getReader(options = undefined) {
    state(this);
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw new ERR_INVALID_ARG_VALUE('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = {}) {
    const s = state(this);
    if (transform === null || typeof transform !== 'object') throw new ERR_INVALID_ARG_TYPE('transform', 'Object', transform);
    const { readable, writable } = transform;
    if (!(readable instanceof ReadableStream)) throw new ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    if (!(writable instanceof WritableStream)) throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', writable);
    if (isLocked(s)) throw invalidState('The ReadableStream is locked');
    if (writable[kState].writer !== undefined) throw invalidState('The WritableStream is locked');
    const opts = pipeOptions(options);
    setHandled(pipeTo(this, writable, opts));
    return readable;
  }

  pipeTo(destination, options = {}) {
    const s = state(this, true);
    if (!s) return rejected(typeError('Illegal invocation'));
    if (!(destination instanceof WritableStream)) {
      return rejected(new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', destination));
    }
    let opts;
    try {
      opts = pipeOptions(options);
    } catch (e) {
      return rejected(e);
    }
    if (isLocked(s)) return rejected(invalidState('The ReadableStream is locked'));
    if (destination[kState].writer !== undefined) return rejected(invalidState('The WritableStream is locked'));
    return pipeTo(this, destination, opts);
  }

  tee() {
    state(this);
    return readableTee(this);
  }

  values(options = undefined) {
    state(this);
    const preventCancel = !!options?.preventCancel;
    const reader = new ReadableStreamDefaultReader(this);
    let ongoing;
    let finished = false;
    const next = () => {
      if (finished) return resolved({ value: undefined, done: true });
      return reader.read().then((r) => {
        if (r.done) {
          finished = true;
          releaseReader(reader);
        }
        return r;
      }, (e) => {
        finished = true;
        releaseReader(reader);
        throw e;
      });
    };
    const ret = (value) => {
      if (finished) return resolved({ value, done: true });
      finished = true;
      if (reader[kInternal].stream === undefined) return resolved({ value, done: true });
      if (!preventCancel) {
        const p = readerCancel(reader, value);
        releaseReader(reader);
        return p.then(() => ({ value, done: true }));
      }
      releaseReader(reader);
      return resolved({ value, done: true });
    };
    const iter = {
      next() {
        ongoing = ongoing ? ongoing.then(next, next) : next();
        return ongoing;
      },
      return(value) {
        ongoing = ongoing ? ongoing.then(() => ret(value), () => ret(value)) : ret(value);
        return ongoing;
      },
      [Symbol.asyncIterator]() { return this; },
    };
    Object.setPrototypeOf(iter, AsyncIteratorPrototype);
    return iter;
  }

  [Symbol.asyncIterator](options) {
    return this.values(options);
  }

  static from(asyncIterable) {
    if (asyncIterable === null || asyncIterable === undefined) {
      throw new ERR_INVALID_ARG_TYPE('iterable', 'Iterable', asyncIterable);
    }
    const method = asyncIterable[Symbol.asyncIterator] ?? asyncIterable[Symbol.iterator];
    if (typeof method !== 'function') throw new ERR_INVALID_ARG_TYPE('iterable', 'Iterable', asyncIterable);
    const isAsync = typeof asyncIterable[Symbol.asyncIterator] === 'function';
    const iterator = Reflect.apply(method, asyncIterable, []);
    if (iterator === null || typeof iterator !== 'object') throw typeError('The iterator method must return an object');
    const nextMethod = iterator.next;
    return new ReadableStream({
      pull(controller) {
        let r;
        try {
          r = Reflect.apply(nextMethod, iterator, []);
        } catch (e) {
          return rejected(e);
        }
        return Promise.resolve(r).then((res) => {
          if (res === null || typeof res !== 'object') throw typeError('The iterator result must be an object');
          if (res.done) {
            controller.close();
            return undefined;
          }
          return isAsync ? Promise.resolve(res.value).then((v) => controller.enqueue(v)) : Promise.resolve(res.value).then((v) => controller.enqueue(v));
        });
      },
      cancel(reason) {
        const ret = iterator.return;
        if (ret === undefined || ret === null) return undefined;
        return Promise.resolve(Reflect.apply(ret, iterator, [reason])).then((res) => {
          if (res === null || typeof res !== 'object') throw typeError('The iterator return result must be an object');
        });
      },
    }, { highWaterMark: 0 });
  }

  get [Symbol.toStringTag]() { return 'ReadableStream'; }

  [customInspect]() {
    const s = this[kState];
    return `ReadableStream { locked: ${isLocked(s)}, state: '${s.state}', supportsBYOB: ${s.controller instanceof ReadableByteStreamController} }`;
  }
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* gen() {}).prototype);

function state(stream, soft) {
  const s = stream?.[kState];
  if (s === undefined || !(stream instanceof ReadableStream)) {
    if (soft) return undefined;
    throw new ERR_INVALID_ARG_TYPE('this', 'ReadableStream', stream);
  }
  return s;
}

function initReadable(stream) {
  stream[kState] = {
    state: 'readable',
    reader: undefined,
    storedError: undefined,
    disturbed: false,
    controller: undefined,
  };
}

function isLocked(s) {
  return s.reader !== undefined;
}

export function isReadableStream(v) {
  return v instanceof ReadableStream;
}
/** The controller of a stream made by `createReadableStream` (fetch/serve bodies). */
export function controllerOf(stream) {
  return stream[kState].controller;
}
export function isDisturbed(stream) {
  return stream[kState].disturbed;
}

/** Create a stream from internal algorithms (used by TransformStream, tee, fetch bodies). */
export function createReadableStream(start, pull, cancel, hwm = 1, size = () => 1, bytes = false) {
  const stream = Object.create(ReadableStream.prototype);
  initReadable(stream);
  setupController(stream, bytes ? ReadableByteStreamController : ReadableStreamDefaultController,
    start, pull, cancel, hwm, bytes ? byteSize : size, bytes);
  return stream;
}

function setupController(stream, Ctor, start, pull, cancel, hwm, size, bytes) {
  const controller = Object.create(Ctor.prototype);
  const c = {
    stream,
    queue: [],
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    hwm,
    size,
    pull,
    cancel,
    bytes,
  };
  controller[kInternal] = c;
  stream[kState].controller = controller;
  let startResult;
  try {
    startResult = start();
  } catch (e) {
    throw e;
  }
  Promise.resolve(startResult).then(() => {
    c.started = true;
    callPullIfNeeded(c);
  }, (e) => controllerError(c, e));
}

function desiredSize(c) {
  const s = c.stream[kState].state;
  if (s === 'errored') return null;
  if (s === 'closed') return 0;
  return c.hwm - c.queueTotalSize;
}
function canCloseOrEnqueue(c) {
  return !c.closeRequested && c.stream[kState].state === 'readable';
}
function shouldCallPull(c) {
  if (!canCloseOrEnqueue(c) || !c.started) return false;
  const s = c.stream[kState];
  if (isLocked(s) && numReadRequests(s) > 0) return true;
  return desiredSize(c) > 0;
}
function callPullIfNeeded(c) {
  if (!shouldCallPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  c.pull().then(() => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      callPullIfNeeded(c);
    }
  }, (e) => controllerError(c, e));
}
function clearAlgorithms(c) {
  c.pull = () => resolved();
  c.cancel = () => resolved();
}
function controllerClose(c) {
  if (!canCloseOrEnqueue(c)) return;
  c.closeRequested = true;
  if (c.queue.length === 0) {
    clearAlgorithms(c);
    readableClose(c.stream);
  }
}
function controllerEnqueue(c, chunk) {
  if (!canCloseOrEnqueue(c)) return;
  const stream = c.stream;
  const s = stream[kState];
  if (c.bytes) {
    // Byte streams: a BYOB read takes bytes first; then plain reads; then the queue.
    if (s.reader instanceof ReadableStreamBYOBReader && s.reader[kInternal].requests.length > 0 && c.queue.length === 0) {
      c.queue.push({ value: chunk, size: chunk.byteLength });
      c.queueTotalSize += chunk.byteLength;
      fillByobRequests(c);
      callPullIfNeeded(c);
      return;
    }
  }
  if (isLocked(s) && numReadRequests(s) > 0 && s.reader instanceof ReadableStreamDefaultReader) {
    fulfillReadRequest(stream, chunk, false);
  } else {
    let size;
    try {
      size = c.size(chunk);
    } catch (e) {
      controllerError(c, e);
      throw e;
    }
    try {
      enqueueValueWithSize(c, chunk, size);
    } catch (e) {
      controllerError(c, e);
      throw e;
    }
  }
  callPullIfNeeded(c);
}
function controllerError(c, e) {
  const s = c.stream[kState];
  if (s.state !== 'readable') return;
  resetQueue(c);
  clearAlgorithms(c);
  readableError(c.stream, e);
}

function numReadRequests(s) {
  return s.reader[kInternal].requests.length;
}
function fulfillReadRequest(stream, chunk, done) {
  const req = stream[kState].reader[kInternal].requests.shift();
  if (done) req.close();
  else req.chunk(chunk);
}

function readableClose(stream) {
  const s = stream[kState];
  s.state = 'closed';
  const reader = s.reader;
  if (reader === undefined) return;
  const r = reader[kInternal];
  r.closed.resolve(undefined);
  const reqs = r.requests;
  r.requests = [];
  for (const req of reqs) req.close();
}
function readableError(stream, e) {
  const s = stream[kState];
  s.state = 'errored';
  s.storedError = e;
  const reader = s.reader;
  if (reader === undefined) return;
  const r = reader[kInternal];
  r.closed.reject(e);
  setHandled(r.closed.promise);
  const reqs = r.requests;
  r.requests = [];
  for (const req of reqs) req.error(e);
}
function readableCancel(stream, reason) {
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === 'closed') return resolved(undefined);
  if (s.state === 'errored') return rejected(s.storedError);
  readableClose(stream);
  const reader = s.reader;
  if (reader instanceof ReadableStreamBYOBReader) {
    const reqs = reader[kInternal].requests;
    reader[kInternal].requests = [];
    for (const req of reqs) req.close();
  }
  const c = s.controller[kInternal];
  resetQueue(c);
  const p = c.cancel(reason);
  clearAlgorithms(c);
  return p.then(() => undefined);
}

// Pull one chunk for a default reader.
function controllerPullSteps(c, req) {
  const stream = c.stream;
  if (c.queue.length > 0) {
    const chunk = dequeueValue(c);
    if (c.closeRequested && c.queue.length === 0) {
      clearAlgorithms(c);
      readableClose(stream);
    } else {
      callPullIfNeeded(c);
    }
    req.chunk(chunk);
    return;
  }
  stream[kState].reader[kInternal].requests.push(req);
  callPullIfNeeded(c);
}

export class ReadableStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
  get desiredSize() { return desiredSize(this[kInternal]); }
  close() {
    const c = this[kInternal];
    if (!canCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    controllerClose(c);
  }
  enqueue(chunk = undefined) {
    const c = this[kInternal];
    if (!canCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    controllerEnqueue(c, chunk);
  }
  error(e = undefined) {
    controllerError(this[kInternal], e);
  }
  get [Symbol.toStringTag]() { return 'ReadableStreamDefaultController'; }
}

export class ReadableByteStreamController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
  get byobRequest() { return null; }
  get desiredSize() { return desiredSize(this[kInternal]); }
  close() {
    const c = this[kInternal];
    if (!canCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    controllerClose(c);
  }
  enqueue(chunk) {
    const c = this[kInternal];
    if (!ArrayBuffer.isView(chunk)) throw new ERR_INVALID_ARG_TYPE('chunk', ['Buffer', 'TypedArray', 'DataView'], chunk);
    if (chunk.byteLength === 0) throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is zero-length or detached');
    if (!canCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    // Transfer semantics approximated by a copy: the caller's view stays usable.
    const copy = new Uint8Array(chunk.byteLength);
    copy.set(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    controllerEnqueue(c, copy);
  }
  error(e = undefined) {
    controllerError(this[kInternal], e);
  }
  get [Symbol.toStringTag]() { return 'ReadableByteStreamController'; }
}

function fillByobRequests(c) {
  const stream = c.stream;
  const reader = stream[kState].reader;
  if (!(reader instanceof ReadableStreamBYOBReader)) return;
  const r = reader[kInternal];
  while (r.requests.length > 0 && c.queue.length > 0) {
    const req = r.requests.shift();
    const { view } = req;
    const target = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    let filled = 0;
    while (filled < target.length && c.queue.length > 0) {
      const head = c.queue[0];
      const src = head.value;
      const n = Math.min(src.byteLength, target.length - filled);
      target.set(src.subarray(0, n), filled);
      filled += n;
      c.queueTotalSize -= n;
      if (n === src.byteLength) c.queue.shift();
      else {
        head.value = src.subarray(n);
        head.size = head.value.byteLength;
      }
    }
    const elem = view.BYTES_PER_ELEMENT ?? 1;
    const Ctor = view.constructor === DataView ? DataView : view.constructor;
    const len = Ctor === DataView ? filled : Math.floor(filled / elem);
    req.chunk(new Ctor(view.buffer, view.byteOffset, len));
  }
  if (c.closeRequested && c.queue.length === 0 && stream[kState].state === 'readable') {
    clearAlgorithms(c);
    readableClose(stream);
  }
}

// ---- readers -------------------------------------------------------------------------------

function readerInit(reader, stream) {
  if (!(stream instanceof ReadableStream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
  const s = stream[kState];
  if (isLocked(s)) throw invalidState('ReadableStream is locked');
  const closed = deferred();
  reader[kInternal] = { stream, requests: [], closed };
  s.reader = reader;
  if (s.state === 'closed') closed.resolve(undefined);
  else if (s.state === 'errored') {
    closed.reject(s.storedError);
    setHandled(closed.promise);
  }
}
function readerCancel(reader, reason) {
  const stream = reader[kInternal].stream;
  return readableCancel(stream, reason);
}
function releaseReader(reader) {
  const r = reader[kInternal];
  const stream = r.stream;
  if (stream === undefined) return;
  const s = stream[kState];
  const err = invalidState('Reader released');
  if (s.state === 'readable') r.closed.reject(err);
  else r.closed = rejectedDeferred(err);
  setHandled(r.closed.promise);
  s.reader = undefined;
  r.stream = undefined;
  const reqs = r.requests;
  r.requests = [];
  for (const req of reqs) req.error(err);
}

export class ReadableStreamDefaultReader {
  constructor(stream) {
    readerInit(this, stream);
  }
  get closed() {
    return this[kInternal].closed.promise;
  }
  read() {
    const r = this[kInternal];
    if (r === undefined) return rejected(typeError('Illegal invocation'));
    const stream = r.stream;
    if (stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    const s = stream[kState];
    s.disturbed = true;
    if (s.state === 'closed') return resolved({ value: undefined, done: true });
    if (s.state === 'errored') return rejected(s.storedError);
    const d = deferred();
    controllerPullSteps(s.controller[kInternal], {
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: undefined, done: true }),
      error: (e) => d.reject(e),
    });
    return d.promise;
  }
  releaseLock() {
    if (this[kInternal].stream === undefined) return;
    releaseReader(this);
  }
  cancel(reason = undefined) {
    if (this[kInternal].stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    return readerCancel(this, reason);
  }
  get [Symbol.toStringTag]() { return 'ReadableStreamDefaultReader'; }
}

export class ReadableStreamBYOBReader {
  constructor(stream) {
    if (!(stream instanceof ReadableStream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (!(stream[kState].controller instanceof ReadableByteStreamController)) {
      throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be a byte stream');
    }
    readerInit(this, stream);
  }
  get closed() {
    return this[kInternal].closed.promise;
  }
  read(view) {
    if (!ArrayBuffer.isView(view)) return rejected(new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view));
    if (view.byteLength === 0) return rejected(new ERR_INVALID_STATE.TypeError('View or Viewed ArrayBuffer is zero-length or detached'));
    const r = this[kInternal];
    const stream = r.stream;
    if (stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    const s = stream[kState];
    s.disturbed = true;
    const Ctor = view.constructor;
    if (s.state === 'errored') return rejected(s.storedError);
    if (s.state === 'closed') return resolved({ value: new Ctor(view.buffer, view.byteOffset, 0), done: true });
    const d = deferred();
    r.requests.push({
      view,
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: new Ctor(view.buffer, view.byteOffset, 0), done: true }),
      error: (e) => d.reject(e),
    });
    const c = s.controller[kInternal];
    fillByobRequests(c);
    callPullIfNeeded(c);
    return d.promise;
  }
  releaseLock() {
    if (this[kInternal].stream === undefined) return;
    releaseReader(this);
  }
  cancel(reason = undefined) {
    if (this[kInternal].stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    return readerCancel(this, reason);
  }
  get [Symbol.toStringTag]() { return 'ReadableStreamBYOBReader'; }
}

export class ReadableStreamBYOBRequest {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
}

// ---- tee -----------------------------------------------------------------------------------

function readableTee(stream) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = deferred();
  const pull = () => {
    if (reading) {
      readAgain = true;
      return resolved();
    }
    reading = true;
    const s = stream[kState];
    s.disturbed = true;
    const req = {
      chunk: (chunk) => {
        queueTask(() => {
          readAgain = false;
          if (!canceled1) controllerEnqueue(branch1[kState].controller[kInternal], chunk);
          if (!canceled2) controllerEnqueue(branch2[kState].controller[kInternal], chunk);
          reading = false;
          if (readAgain) pull();
        });
      },
      close: () => {
        reading = false;
        if (!canceled1) controllerClose(branch1[kState].controller[kInternal]);
        if (!canceled2) controllerClose(branch2[kState].controller[kInternal]);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error: () => { reading = false; },
    };
    if (s.state === 'closed') req.close();
    else if (s.state === 'errored') req.error(s.storedError);
    else controllerPullSteps(s.controller[kInternal], req);
    return resolved();
  };
  const wrappedPull = pull;
  const cancel1 = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const cancel2 = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const bytes = stream[kState].controller instanceof ReadableByteStreamController;
  branch1 = createReadableStream(() => {}, wrappedPull, cancel1, bytes ? 0 : 1, undefined, bytes);
  branch2 = createReadableStream(() => {}, wrappedPull, cancel2, bytes ? 0 : 1, undefined, bytes);
  reader[kInternal].closed.promise.then(undefined, (e) => {
    controllerError(branch1[kState].controller[kInternal], e);
    controllerError(branch2[kState].controller[kInternal], e);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [branch1, branch2];
}

// ---- pipeTo --------------------------------------------------------------------------------

function pipeOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const { signal } = options;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return {
    preventClose: !!options.preventClose,
    preventAbort: !!options.preventAbort,
    preventCancel: !!options.preventCancel,
    signal,
  };
}

function pipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
  const reader = new ReadableStreamDefaultReader(source);
  const writer = new WritableStreamDefaultWriter(dest);
  source[kState].disturbed = true;
  let shuttingDown = false;
  let currentWrite = resolved();
  const done = deferred();
  let abortAlgorithm;

  const finalize = (isError, error) => {
    releaseWriter(writer);
    releaseReader(reader);
    if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) done.reject(error);
    else done.resolve(undefined);
  };
  const waitForWrites = () => {
    const old = currentWrite;
    return old.then(() => (old !== currentWrite ? waitForWrites() : undefined));
  };
  const shutdownWithAction = (action, originalIsError, originalError) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const go = () => {
      action().then(() => finalize(originalIsError, originalError), (e) => finalize(true, e));
    };
    const ws = dest[kState];
    if (ws.state === 'writable' && !closeQueuedOrInFlight(ws)) waitForWrites().then(go);
    else go();
  };
  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const ws = dest[kState];
    if (ws.state === 'writable' && !closeQueuedOrInFlight(ws)) waitForWrites().then(() => finalize(isError, error));
    else finalize(isError, error);
  };

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest[kState].state === 'writable' ? writableAbort(dest, error) : resolved()));
      }
      if (!preventCancel) {
        actions.push(() => (source[kState].state === 'readable' ? readableCancel(source, error) : resolved()));
      }
      shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return done.promise;
    }
    signal.addEventListener('abort', abortAlgorithm);
  }

  const checkStates = () => {
    const rs = source[kState];
    const ws = dest[kState];
    if (rs.state === 'errored') {
      if (!preventAbort) shutdownWithAction(() => writableAbort(dest, rs.storedError), true, rs.storedError);
      else shutdown(true, rs.storedError);
      return true;
    }
    if (ws.state === 'errored' || ws.state === 'erroring') {
      const err = ws.storedError;
      if (!preventCancel) shutdownWithAction(() => readableCancel(source, err), true, err);
      else shutdown(true, err);
      return true;
    }
    if (rs.state === 'closed') {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
      else shutdown();
      return true;
    }
    if (closeQueuedOrInFlight(ws) || ws.state === 'closed') {
      const err = typeError('the destination writable stream closed before all data could be piped to it');
      if (!preventCancel) shutdownWithAction(() => readableCancel(source, err), true, err);
      else shutdown(true, err);
      return true;
    }
    return false;
  };

  reader[kInternal].closed.promise.then(() => { if (!shuttingDown) checkStates(); }, () => { if (!shuttingDown) checkStates(); });
  writer[kInternal].closed.promise.then(() => { if (!shuttingDown) checkStates(); }, () => { if (!shuttingDown) checkStates(); });

  const step = () => {
    if (shuttingDown) return;
    if (checkStates()) return;
    writer[kInternal].ready.promise.then(() => {
      if (shuttingDown) return;
      if (checkStates()) return;
      const rs = source[kState];
      controllerPullSteps(rs.controller[kInternal], {
        chunk: (chunk) => {
          currentWrite = setHandled(writerWrite(writer, chunk));
          step();
        },
        close: () => { checkStates(); },
        error: () => { checkStates(); },
      });
    }, () => { checkStates(); });
  };
  queueTask(step);
  return done.promise;
}

// ---- WritableStream ------------------------------------------------------------------------

export class WritableStream {
  constructor(underlyingSink = undefined, strategy = undefined) {
    if (underlyingSink === null) underlyingSink = undefined;
    if (underlyingSink !== undefined && typeof underlyingSink !== 'object' && typeof underlyingSink !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('sink', 'Object', underlyingSink);
    }
    if (underlyingSink?.type !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('type', underlyingSink.type);
    initWritable(this);
    const hwm = extractHWM(strategy, 1);
    const size = extractSize(strategy);
    const start = getMethod(underlyingSink, 'start');
    const write = getMethod(underlyingSink, 'write');
    const close = getMethod(underlyingSink, 'close');
    const abort = getMethod(underlyingSink, 'abort');
    setupWritableController(this,
      (c) => (start ? Reflect.apply(start, underlyingSink, [c]) : undefined),
      (chunk, c) => promiseCall(write, underlyingSink, chunk, c),
      () => promiseCall(close, underlyingSink),
      (reason) => promiseCall(abort, underlyingSink, reason),
      hwm, size);
  }
  get locked() {
    return wstate(this).writer !== undefined;
  }
  abort(reason = undefined) {
    const s = wstate(this, true);
    if (!s) return rejected(typeError('Illegal invocation'));
    if (s.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
    return writableAbort(this, reason);
  }
  close() {
    const s = wstate(this, true);
    if (!s) return rejected(typeError('Illegal invocation'));
    if (s.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
    if (closeQueuedOrInFlight(s)) return rejected(invalidState('Failure closing WritableStream'));
    return writableClose(this);
  }
  getWriter() {
    wstate(this);
    return new WritableStreamDefaultWriter(this);
  }
  get [Symbol.toStringTag]() { return 'WritableStream'; }
  [customInspect]() {
    const s = this[kState];
    return `WritableStream { locked: ${s.writer !== undefined}, state: '${s.state}' }`;
  }
}

function wstate(stream, soft) {
  const s = stream?.[kState];
  if (s === undefined || !(stream instanceof WritableStream)) {
    if (soft) return undefined;
    throw new ERR_INVALID_ARG_TYPE('this', 'WritableStream', stream);
  }
  return s;
}

function initWritable(stream) {
  stream[kState] = {
    state: 'writable',
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    writeRequests: [],
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    backpressure: false,
  };
}

export function createWritableStream(start, write, close, abort, hwm = 1, size = () => 1) {
  const stream = Object.create(WritableStream.prototype);
  initWritable(stream);
  setupWritableController(stream, start, write, close, abort, hwm, size);
  return stream;
}

const kCloseSentinel = Symbol('close');

function setupWritableController(stream, start, write, close, abort, hwm, size) {
  const controller = Object.create(WritableStreamDefaultController.prototype);
  const c = {
    stream,
    queue: [],
    queueTotalSize: 0,
    started: false,
    hwm,
    size,
    write,
    close,
    abortAlgo: abort,
    abortController: new AbortController(),
  };
  controller[kInternal] = c;
  const s = stream[kState];
  s.controller = controller;
  updateBackpressure(stream, getBackpressure(c));
  const startResult = start(controller);
  Promise.resolve(startResult).then(() => {
    c.started = true;
    advanceQueueIfNeeded(c);
  }, (e) => {
    c.started = true;
    dealWithRejection(stream, e);
  });
}

function closeQueuedOrInFlight(s) {
  return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
}
function hasInFlight(s) {
  return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
}
function getBackpressure(c) {
  return c.hwm - c.queueTotalSize <= 0;
}
function wDesiredSize(c) {
  return c.hwm - c.queueTotalSize;
}
function updateBackpressure(stream, bp) {
  const s = stream[kState];
  const writer = s.writer;
  if (writer !== undefined && bp !== s.backpressure) {
    const w = writer[kInternal];
    if (bp) w.ready = deferred();
    else w.ready.resolve(undefined);
  }
  s.backpressure = bp;
}

function writableAbort(stream, reason) {
  const s = stream[kState];
  if (s.state === 'closed' || s.state === 'errored') return resolved(undefined);
  s.controller[kInternal].abortController.abort(reason);
  if (s.state === 'closed' || s.state === 'errored') return resolved(undefined);
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise;
  let wasAlreadyErroring = false;
  if (s.state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const d = deferred();
  s.pendingAbortRequest = { promise: d.promise, resolve: d.resolve, reject: d.reject, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) startErroring(stream, reason);
  return d.promise;
}

function writableClose(stream) {
  const s = stream[kState];
  if (s.state === 'closed' || s.state === 'errored') {
    return rejected(invalidState('WritableStream is closed'));
  }
  const d = deferred();
  s.closeRequest = d;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && s.state === 'writable') writer[kInternal].ready.resolve(undefined);
  const c = s.controller[kInternal];
  c.queue.push({ value: kCloseSentinel, size: 0 });
  advanceQueueIfNeeded(c);
  return d.promise;
}

function startErroring(stream, reason) {
  const s = stream[kState];
  const c = s.controller[kInternal];
  s.state = 'erroring';
  s.storedError = reason;
  const writer = s.writer;
  if (writer !== undefined) writerEnsureReadyRejected(writer, reason);
  if (!hasInFlight(s) && c.started) finishErroring(stream);
}

function finishErroring(stream) {
  const s = stream[kState];
  s.state = 'errored';
  const c = s.controller[kInternal];
  c.write = c.close = undefined;
  c.size = () => 1;
  const err = s.storedError;
  for (const req of s.writeRequests) req.reject(err);
  s.writeRequests = [];
  if (s.pendingAbortRequest === undefined) {
    rejectCloseAndClosedIfNeeded(stream);
    return;
  }
  const abortReq = s.pendingAbortRequest;
  s.pendingAbortRequest = undefined;
  resetQueue(c);
  if (abortReq.wasAlreadyErroring) {
    abortReq.reject(err);
    rejectCloseAndClosedIfNeeded(stream);
    return;
  }
  const abortAlgo = c.abortAlgo;
  c.abortAlgo = () => resolved();
  abortAlgo(abortReq.reason).then(() => {
    abortReq.resolve(undefined);
    rejectCloseAndClosedIfNeeded(stream);
  }, (e) => {
    abortReq.reject(e);
    rejectCloseAndClosedIfNeeded(stream);
  });
}

function rejectCloseAndClosedIfNeeded(stream) {
  const s = stream[kState];
  if (s.closeRequest !== undefined) {
    s.closeRequest.reject(s.storedError);
    s.closeRequest = undefined;
  }
  const writer = s.writer;
  if (writer !== undefined) {
    const w = writer[kInternal];
    w.closed.reject(s.storedError);
    setHandled(w.closed.promise);
  }
}

function dealWithRejection(stream, error) {
  const s = stream[kState];
  if (s.state === 'writable') {
    startErroring(stream, error);
    return;
  }
  finishErroring(stream);
}

function advanceQueueIfNeeded(c) {
  const stream = c.stream;
  const s = stream[kState];
  if (!c.started || s.inFlightWriteRequest !== undefined) return;
  if (s.state === 'erroring') {
    finishErroring(stream);
    return;
  }
  if (s.state !== 'writable' && s.state !== 'erroring') return;
  if (c.queue.length === 0) return;
  const value = c.queue[0].value;
  if (value === kCloseSentinel) {
    // process close
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    dequeueValue(c);
    const closeAlgo = c.close;
    c.write = c.close = undefined;
    closeAlgo().then(() => {
      s.inFlightCloseRequest.resolve(undefined);
      s.inFlightCloseRequest = undefined;
      if (s.state === 'erroring') {
        s.storedError = undefined;
        if (s.pendingAbortRequest !== undefined) {
          s.pendingAbortRequest.resolve(undefined);
          s.pendingAbortRequest = undefined;
        }
      }
      s.state = 'closed';
      const writer = s.writer;
      if (writer !== undefined) writer[kInternal].closed.resolve(undefined);
    }, (e) => {
      s.inFlightCloseRequest.reject(e);
      s.inFlightCloseRequest = undefined;
      if (s.pendingAbortRequest !== undefined) {
        s.pendingAbortRequest.reject(e);
        s.pendingAbortRequest = undefined;
      }
      dealWithRejection(stream, e);
    });
    return;
  }
  s.inFlightWriteRequest = s.writeRequests.shift();
  c.write(value, s.controller).then(() => {
    s.inFlightWriteRequest.resolve(undefined);
    s.inFlightWriteRequest = undefined;
    dequeueValue(c);
    if (!closeQueuedOrInFlight(s) && s.state === 'writable') {
      updateBackpressure(stream, getBackpressure(c));
    }
    advanceQueueIfNeeded(c);
  }, (e) => {
    s.inFlightWriteRequest.reject(e);
    s.inFlightWriteRequest = undefined;
    if (s.state === 'writable') c.write = c.close = undefined;
    dealWithRejection(stream, e);
  });
}

export class WritableStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
  get signal() {
    return this[kInternal].abortController.signal;
  }
  error(e = undefined) {
    const c = this[kInternal];
    const s = c.stream[kState];
    if (s.state !== 'writable') return;
    c.write = c.close = undefined;
    startErroring(c.stream, e);
  }
  get [Symbol.toStringTag]() { return 'WritableStreamDefaultController'; }
}

// ---- writer --------------------------------------------------------------------------------

export class WritableStreamDefaultWriter {
  constructor(stream) {
    if (!(stream instanceof WritableStream)) throw new ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    const s = stream[kState];
    if (s.writer !== undefined) throw invalidState('WritableStream is locked');
    const w = { stream, ready: deferred(), closed: deferred() };
    this[kInternal] = w;
    s.writer = this;
    if (s.state === 'writable') {
      if (!closeQueuedOrInFlight(s) && s.backpressure) {
        // ready stays pending
      } else {
        w.ready.resolve(undefined);
      }
    } else if (s.state === 'erroring') {
      w.ready.reject(s.storedError);
      setHandled(w.ready.promise);
    } else if (s.state === 'closed') {
      w.ready.resolve(undefined);
      w.closed.resolve(undefined);
    } else {
      w.ready.reject(s.storedError);
      setHandled(w.ready.promise);
      w.closed.reject(s.storedError);
      setHandled(w.closed.promise);
    }
  }
  get closed() { return this[kInternal].closed.promise; }
  get ready() { return this[kInternal].ready.promise; }
  get desiredSize() {
    const stream = this[kInternal].stream;
    if (stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    const s = stream[kState];
    if (s.state === 'errored' || s.state === 'erroring') return null;
    if (s.state === 'closed') return 0;
    return wDesiredSize(s.controller[kInternal]);
  }
  abort(reason = undefined) {
    const stream = this[kInternal].stream;
    if (stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    return writableAbort(stream, reason);
  }
  close() {
    const stream = this[kInternal].stream;
    if (stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    if (closeQueuedOrInFlight(stream[kState])) return rejected(invalidState('Failure to close WritableStream'));
    return writableClose(stream);
  }
  releaseLock() {
    if (this[kInternal].stream === undefined) return;
    releaseWriter(this);
  }
  write(chunk = undefined) {
    if (this[kInternal].stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    return writerWrite(this, chunk);
  }
  get [Symbol.toStringTag]() { return 'WritableStreamDefaultWriter'; }
}

function writerEnsureReadyRejected(writer, error) {
  const w = writer[kInternal];
  if (w.ready.settled) w.ready = rejectedDeferred(error);
  else {
    w.ready.reject(error);
    setHandled(w.ready.promise);
  }
}
function writerEnsureClosedRejected(writer, error) {
  const w = writer[kInternal];
  if (w.closed.settled) w.closed = rejectedDeferred(error);
  else {
    w.closed.reject(error);
    setHandled(w.closed.promise);
  }
}
function releaseWriter(writer) {
  const w = writer[kInternal];
  const stream = w.stream;
  if (stream === undefined) return;
  const err = invalidState('Writer was released');
  writerEnsureReadyRejected(writer, err);
  writerEnsureClosedRejected(writer, err);
  stream[kState].writer = undefined;
  w.stream = undefined;
}
function writerCloseWithErrorPropagation(writer) {
  const stream = writer[kInternal].stream;
  const s = stream[kState];
  if (closeQueuedOrInFlight(s) || s.state === 'closed') return resolved(undefined);
  if (s.state === 'errored') return rejected(s.storedError);
  return writableClose(stream);
}
function writerWrite(writer, chunk) {
  const stream = writer[kInternal].stream;
  const s = stream[kState];
  const c = s.controller[kInternal];
  let chunkSize = 1;
  if (c.size !== undefined) {
    try {
      chunkSize = c.size(chunk);
    } catch (e) {
      if (s.state === 'writable') startErroring(stream, e);
      chunkSize = 1;
    }
  }
  if (stream !== writer[kInternal].stream) return rejected(invalidState('Writer was released'));
  if (s.state === 'errored' || s.state === 'erroring') return rejected(s.storedError);
  if (closeQueuedOrInFlight(s) || s.state === 'closed') return rejected(invalidState('WritableStream is closed'));
  const d = deferred();
  s.writeRequests.push(d);
  try {
    enqueueValueWithSize(c, chunk, chunkSize);
  } catch (e) {
    if (s.state === 'writable') startErroring(stream, e);
    return d.promise;
  }
  if (!closeQueuedOrInFlight(s) && s.state === 'writable') updateBackpressure(stream, getBackpressure(c));
  advanceQueueIfNeeded(c);
  return d.promise;
}

// ---- TransformStream -----------------------------------------------------------------------

export class TransformStream {
  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer === null) transformer = undefined;
    if (transformer?.readableType !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.readableType', transformer.readableType);
    if (transformer?.writableType !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.writableType', transformer.writableType);
    const readableHWM = extractHWM(readableStrategy, 0);
    const readableSize = extractSize(readableStrategy);
    const writableHWM = extractHWM(writableStrategy, 1);
    const writableSize = extractSize(writableStrategy);
    const start = getMethod(transformer, 'start');
    const transform = getMethod(transformer, 'transform');
    const flush = getMethod(transformer, 'flush');
    const cancel = getMethod(transformer, 'cancel');
    const startPromise = deferred();
    initTransform(this, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
    const controller = Object.create(TransformStreamDefaultController.prototype);
    const t = this[kState];
    controller[kInternal] = t;
    t.controller = controller;
    t.transform = transform
      ? (chunk) => promiseCall(transform, transformer, chunk, controller)
      : (chunk) => {
        try {
          transformEnqueue(t, chunk);
          return resolved();
        } catch (e) {
          return rejected(e);
        }
      };
    t.flush = () => promiseCall(flush, transformer, controller);
    t.cancel = (reason) => promiseCall(cancel, transformer, reason);
    try {
      startPromise.resolve(start ? Reflect.apply(start, transformer, [controller]) : undefined);
    } catch (e) {
      startPromise.reject(e);
      throw e;
    }
  }
  get readable() { return this[kState].readable; }
  get writable() { return this[kState].writable; }
  get [Symbol.toStringTag]() { return 'TransformStream'; }
}

function initTransform(stream, startPromise, wHWM, wSize, rHWM, rSize) {
  const t = {
    stream,
    backpressure: undefined,
    backpressureChange: undefined,
    controller: undefined,
    finishPromise: undefined,
  };
  stream[kState] = t;
  t.writable = createWritableStream(
    () => startPromise,
    (chunk) => sinkWrite(t, chunk),
    () => sinkClose(t),
    (reason) => sinkAbort(t, reason),
    wHWM, wSize);
  t.readable = createReadableStream(
    () => startPromise,
    () => {
      setBackpressure(t, false);
      return t.backpressureChange.promise;
    },
    (reason) => sourceCancel(t, reason),
    rHWM, rSize);
  setBackpressure(t, true);
}

function rc(t) {
  return t.readable[kState].controller[kInternal];
}
function setBackpressure(t, bp) {
  if (t.backpressureChange !== undefined) t.backpressureChange.resolve(undefined);
  t.backpressureChange = deferred();
  t.backpressure = bp;
}
function transformEnqueue(t, chunk) {
  const c = rc(t);
  if (!canCloseOrEnqueue(c)) throw invalidState('Readable side is not in a state that permits enqueue');
  try {
    controllerEnqueue(c, chunk);
  } catch (e) {
    transformErrorWritableAndUnblockWrite(t, e);
    throw t.readable[kState].storedError;
  }
  const bp = !shouldCallPull(c) && desiredSize(c) <= 0;
  if (bp !== t.backpressure) setBackpressure(t, true);
}
function transformError(t, e) {
  controllerError(rc(t), e);
  transformErrorWritableAndUnblockWrite(t, e);
}
function transformErrorWritableAndUnblockWrite(t, e) {
  t.transform = () => resolved();
  t.flush = () => resolved();
  t.cancel = () => resolved();
  const ws = t.writable[kState];
  if (ws.state === 'writable') {
    const wc = ws.controller[kInternal];
    wc.write = wc.close = undefined;
    startErroring(t.writable, e);
  }
  if (t.backpressure) setBackpressure(t, false);
}
function transformTerminate(t) {
  controllerClose(rc(t));
  transformErrorWritableAndUnblockWrite(t, typeError('TransformStream terminated'));
}
function performTransform(t, chunk) {
  return t.transform(chunk).then(undefined, (e) => {
    transformError(t, e);
    throw e;
  });
}
function sinkWrite(t, chunk) {
  if (t.backpressure) {
    return t.backpressureChange.promise.then(() => {
      const ws = t.writable[kState];
      if (ws.state === 'erroring') throw ws.storedError;
      return performTransform(t, chunk);
    });
  }
  return performTransform(t, chunk);
}
function sinkAbort(t, reason) {
  if (t.finishPromise !== undefined) return t.finishPromise.promise;
  const d = deferred();
  t.finishPromise = d;
  const cancelPromise = t.cancel(reason);
  t.transform = t.flush = t.cancel = () => resolved();
  cancelPromise.then(() => {
    const rs = t.readable[kState];
    if (rs.state === 'errored') d.reject(rs.storedError);
    else {
      controllerError(rc(t), reason);
      d.resolve(undefined);
    }
  }, (e) => {
    controllerError(rc(t), e);
    d.reject(e);
  });
  return d.promise;
}
function sinkClose(t) {
  if (t.finishPromise !== undefined) return t.finishPromise.promise;
  const d = deferred();
  t.finishPromise = d;
  const flushPromise = t.flush();
  t.transform = t.flush = t.cancel = () => resolved();
  flushPromise.then(() => {
    const rs = t.readable[kState];
    if (rs.state === 'errored') d.reject(rs.storedError);
    else {
      controllerClose(rc(t));
      d.resolve(undefined);
    }
  }, (e) => {
    controllerError(rc(t), e);
    d.reject(e);
  });
  return d.promise;
}
function sourceCancel(t, reason) {
  if (t.finishPromise !== undefined) return t.finishPromise.promise;
  const d = deferred();
  t.finishPromise = d;
  const cancelPromise = t.cancel(reason);
  t.transform = t.flush = t.cancel = () => resolved();
  cancelPromise.then(() => {
    const ws = t.writable[kState];
    if (ws.state === 'errored') d.reject(ws.storedError);
    else {
      const wc = ws.controller[kInternal];
      if (ws.state === 'writable') {
        wc.write = wc.close = undefined;
        startErroring(t.writable, reason);
      }
      if (t.backpressure) setBackpressure(t, false);
      d.resolve(undefined);
    }
  }, (e) => {
    const ws = t.writable[kState];
    if (ws.state === 'writable') startErroring(t.writable, e);
    if (t.backpressure) setBackpressure(t, false);
    d.reject(e);
  });
  return d.promise;
}

export class TransformStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
  get desiredSize() {
    return desiredSize(rc(this[kInternal]));
  }
  enqueue(chunk = undefined) {
    transformEnqueue(this[kInternal], chunk);
  }
  error(reason = undefined) {
    transformError(this[kInternal], reason);
  }
  terminate() {
    transformTerminate(this[kInternal]);
  }
  get [Symbol.toStringTag]() { return 'TransformStreamDefaultController'; }
}

// ---- encoding streams ----------------------------------------------------------------------

export class TextEncoderStream {
  constructor() {
    const encoder = new TextEncoder();
    let pendingHigh = '';
    this[kInternal] = new TransformStream({
      transform(chunk, controller) {
        let s = pendingHigh + `${chunk}`;
        pendingHigh = '';
        const last = s.charCodeAt(s.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHigh = s[s.length - 1];
          s = s.slice(0, -1);
        }
        if (s.length > 0) controller.enqueue(encoder.encode(s));
      },
      flush(controller) {
        if (pendingHigh) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }
  get encoding() { return 'utf-8'; }
  get readable() { return this[kInternal].readable; }
  get writable() { return this[kInternal].writable; }
  get [Symbol.toStringTag]() { return 'TextEncoderStream'; }
}

export class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    const decoder = new TextDecoder(encoding, options);
    this[kInternal] = {
      decoder,
      ts: new TransformStream({
        transform(chunk, controller) {
          const s = decoder.decode(chunk, { stream: true });
          if (s) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s) controller.enqueue(s);
        },
      }),
    };
  }
  get encoding() { return this[kInternal].decoder.encoding; }
  get fatal() { return this[kInternal].decoder.fatal; }
  get ignoreBOM() { return this[kInternal].decoder.ignoreBOM; }
  get readable() { return this[kInternal].ts.readable; }
  get writable() { return this[kInternal].ts.writable; }
  get [Symbol.toStringTag]() { return 'TextDecoderStream'; }
}

// ---- compression streams (node:zlib's synchronous chunk API) -------------------------------

const zlibFormats = {
  gzip: ['createGzip', 'createGunzip'],
  deflate: ['createDeflate', 'createInflate'],
  'deflate-raw': ['createDeflateRaw', 'createInflateRaw'],
};

function zlibTransform(format, which) {
  const names = zlibFormats[`${format}`];
  if (names === undefined) throw new ERR_INVALID_ARG_VALUE('format', format);
  const zlib = requireZlib();
  const z = zlib[names[which]]();
  const Z_NO_FLUSH = zlib.constants.Z_NO_FLUSH;
  const Z_FINISH = zlib.constants.Z_FINISH;
  const out = (controller, buf) => {
    if (buf && buf.byteLength > 0) controller.enqueue(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  };
  return new TransformStream({
    transform(chunk, controller) {
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        throw new ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], chunk);
      }
      const bytes = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      out(controller, z._processChunk(bytes, Z_NO_FLUSH));
    },
    flush(controller) {
      out(controller, z._processChunk(new Uint8Array(0), Z_FINISH));
      z.close();
    },
  });
}

let zlibModule;
function requireZlib() {
  // Loaded on first use: node:zlib pulls in node:stream, which looks at these globals.
  if (zlibModule === undefined) zlibModule = op_require_builtin('node:zlib');
  return zlibModule;
}

export class CompressionStream {
  constructor(format) {
    this[kInternal] = zlibTransform(format, 0);
  }
  get readable() { return this[kInternal].readable; }
  get writable() { return this[kInternal].writable; }
  get [Symbol.toStringTag]() { return 'CompressionStream'; }
}

export class DecompressionStream {
  constructor(format) {
    this[kInternal] = zlibTransform(format, 1);
  }
  get readable() { return this[kInternal].readable; }
  get writable() { return this[kInternal].writable; }
  get [Symbol.toStringTag]() { return 'DecompressionStream'; }
}

export default {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, TransformStream,
  TransformStreamDefaultController, WritableStream, WritableStreamDefaultWriter,
  WritableStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy,
  TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream,
};
