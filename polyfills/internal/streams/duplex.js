// Duplex: a Readable that is also a Writable (independent sides), plus Duplex.from().
import { codes, AbortError } from '../errors.js';
import { Readable, setDuplex as setReadableDuplex, from as readableFrom } from './readable.js';
import { Writable, setDuplex as setWritableDuplex } from './writable.js';
import { addAbortSignalNoValidate } from './add-abort-signal.js';
import * as destroyImpl from './destroy.js';
import { eos } from './end-of-stream.js';
import {
  nextTick, isReadableNodeStream, isWritableNodeStream, isDuplexNodeStream, isIterable,
  isReadableStream, isWritableStream,
} from './utils.js';

export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    if (options.signal) addAbortSignalNoValidate(options.signal, this);
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
setReadableDuplex(Duplex);
setWritableDuplex(Duplex);

// Writable methods the Readable chain does not already provide.
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
}
for (const name of ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write']) {
  Duplex.prototype[name] = Writable.prototype[name];
}
Duplex.prototype._writev = null;

function copyAccessor(name, from) {
  Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(from.prototype, name));
}
for (const name of [
  'writable', 'writableHighWaterMark', 'writableObjectMode', 'writableBuffer', 'writableLength',
  'writableFinished', 'writableCorked', 'writableEnded', 'writableNeedDrain', 'writableAborted',
]) {
  copyAccessor(name, Writable);
}

Object.defineProperty(Duplex.prototype, 'destroyed', {
  configurable: true,
  enumerable: false,
  get() {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
});

Duplex.prototype.destroy = Writable.prototype.destroy;

// ---- Duplex.from ----

function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

// Run an async generator function as a transform: writes feed its input iterable.
function fromAsyncGen(fn) {
  let { promise, resolve } = withResolvers();
  const ac = new AbortController();
  const signal = ac.signal;
  const value = fn((async function* source() {
    while (true) {
      const p = promise;
      promise = null;
      const { chunk, done, cb } = await p;
      nextTick(cb);
      if (done) return;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      ({ promise, resolve } = withResolvers());
      yield chunk;
    }
  }()), { signal });
  return {
    value,
    write(chunk, encoding, cb) {
      const r = resolve;
      resolve = null;
      r({ chunk, done: false, cb });
    },
    final(cb) {
      const r = resolve;
      resolve = null;
      r({ done: true, cb });
    },
    destroy(err, cb) {
      ac.abort();
      cb(err);
    },
  };
}

// One Duplex over a separate readable and/or writable.
function duplexify(pair, name) {
  const r = pair.readable && typeof pair.readable.read !== 'function'
    ? Readable.wrap(pair.readable) : pair.readable;
  const w = pair.writable;
  let readable = !!isReadableNodeStream(r);
  let writable = !!isWritableNodeStream(w);
  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
  }

  d = new Duplex({
    readableObjectMode: !!(r && r.readableObjectMode),
    writableObjectMode: !!(w && w.writableObjectMode),
    readable,
    writable,
  });

  if (writable) {
    eos(w, (err) => {
      writable = false;
      if (err) destroyImpl.destroyer(r, err);
      onfinished(err);
    });
    d._write = function (chunk, encoding, callback) {
      if (w.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      w.end();
      onfinish = callback;
    };
    w.on('drain', () => {
      if (ondrain) { const cb = ondrain; ondrain = null; cb(); }
    });
    w.on('finish', () => {
      if (onfinish) { const cb = onfinish; onfinish = null; cb(); }
    });
  }
  if (readable) {
    eos(r, (err) => {
      readable = false;
      if (err) destroyImpl.destroyer(r, err);
      onfinished(err);
    });
    r.on('readable', () => {
      if (onreadable) { const cb = onreadable; onreadable = null; cb(); }
    });
    r.on('end', () => { d.push(null); });
    d._read = function () {
      while (true) {
        const buf = r.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) return;
      }
    };
  }
  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (onclose === null) {
      callback(err);
    } else {
      onclose = callback;
      destroyImpl.destroyer(w, err);
      destroyImpl.destroyer(r, err);
    }
  };
  return d;
}

export function duplexFrom(body, name) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return duplexify({ readable: body });
  if (isWritableNodeStream(body)) return duplexify({ writable: body });
  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGen(body);
    if (isIterable(value)) {
      return makeFromParts({ objectMode: true, write, final, destroy }, readableFrom(value));
    }
    const then = value && value.then;
    if (typeof then === 'function') {
      let d;
      const promise = then.call(value, (val) => {
        if (val != null) throw new codes.ERR_INVALID_RETURN_VALUE('nully', 'body', val);
      }, (err) => { destroyImpl.destroyer(d, err); });
      d = new Duplex({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await promise;
              nextTick(cb, null);
            } catch (err) {
              nextTick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw new codes.ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name || 'body', value);
  }
  if (isIterable(body)) return readableFrom(body, { objectMode: true, writable: false });
  if (body && typeof body.then === 'function') {
    let d;
    body.then((val) => {
      if (val != null) d.push(val);
      d.push(null);
    }, (err) => { destroyImpl.destroyer(d, err); });
    d = new Duplex({ objectMode: true, writable: false, read() {} });
    return d;
  }
  if (body && typeof body === 'object' &&
      (isReadableNodeStream(body.readable) || isWritableNodeStream(body.writable) ||
       isReadableStream(body.readable) || isWritableStream(body.writable))) {
    return duplexify({
      readable: isReadableNodeStream(body.readable) ? body.readable : undefined,
      writable: isWritableNodeStream(body.writable) ? body.writable : undefined,
    }, name);
  }
  throw new codes.ERR_INVALID_ARG_TYPE(name || 'body',
    ['Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable', 'AsyncIterable',
      'Function', '{ readable, writable } pair', 'Promise'], body);
}

// A Duplex whose writable side is `w` callbacks and whose readable side mirrors `r`.
function makeFromParts({ objectMode, write, final, destroy }, r) {
  let onreadable;
  const d = new Duplex({
    objectMode,
    highWaterMark: 1,
    write,
    final,
    destroy(err, cb) {
      destroyImpl.destroyer(r, err);
      destroy(err, cb);
    },
    read() {
      while (true) {
        const buf = r.read();
        if (buf === null) {
          onreadable = () => d._read();
          return;
        }
        if (!d.push(buf)) return;
      }
    },
  });
  r.on('readable', () => {
    if (onreadable) { const cb = onreadable; onreadable = null; cb(); }
  });
  eos(r, { writable: false }, (err) => {
    if (err) destroyImpl.destroyer(d, err);
    else d.push(null);
  });
  return d;
}

Duplex.from = function from(body) { return duplexFrom(body, 'body'); };

export default Duplex;
