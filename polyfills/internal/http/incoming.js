// http.IncomingMessage: a request (server side) or response (client side) as a Readable.
// The Readable machinery is built lazily, on first use of `_readableState` (a listener, a
// read, a body chunk): most server requests have no body and nobody reads them, so a request
// costs a plain object until then. What happened before (the end of the message, `_dump`) is
// replayed when the state is built.
import { Readable } from 'node:stream';
import process from 'node:process';
import { headersFromRaw } from './common.js';

const { ReadableState } = Readable;

export function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.rawHeaders = [];
  this.url = '';
  this.method = null;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

// Defaults shared through the prototype (an instance gets its own value when one is set).
Object.assign(IncomingMessage.prototype, {
  complete: false,
  statusCode: null,
  statusMessage: null,
  joinDuplicateHeaders: false,
  aborted: false,
  upgrade: null,
  _headers: null,
  _headersDistinct: null,
  _trailers: null,
  _rawTrailers: null,
  _consuming: false,
  _dumped: false,
  _onRead: null,
  // The lazily built Readable state (null until then) and what it must replay.
  _rs: null,
  _ended: false,
});

function materialize(msg) {
  const state = new ReadableState({ highWaterMark: msg.socket?.readableHighWaterMark }, msg, false);
  state.readingMore = true;
  msg._rs = state;
  Object.defineProperty(msg, '_readableState', {
    value: state, writable: true, configurable: true, enumerable: true,
  });
  if (msg._ended) Readable.prototype.push.call(msg, null);
  if (msg._dumped) {
    msg.removeAllListeners('data');
    Readable.prototype.resume.call(msg);
  }
  return state;
}

Object.defineProperties(IncomingMessage.prototype, {
  _readableState: {
    configurable: true,
    get() { return materialize(this); },
    set(v) {
      this._rs = v;
      Object.defineProperty(this, '_readableState', { value: v, writable: true, configurable: true, enumerable: true });
    },
  },
  connection: { configurable: true, get() { return this.socket; }, set(v) { this.socket = v; } },
  headers: {
    configurable: true,
    get() {
      if (this._headers === null) this._headers = headersFromRaw(this.rawHeaders, {}, false);
      return this._headers;
    },
    set(v) { this._headers = v; },
  },
  headersDistinct: {
    configurable: true,
    get() {
      if (this._headersDistinct === null) this._headersDistinct = headersFromRaw(this.rawHeaders, {}, true);
      return this._headersDistinct;
    },
  },
  rawTrailers: {
    configurable: true,
    get() { return this._rawTrailers ?? (this._rawTrailers = []); },
    set(v) { this._rawTrailers = v; },
  },
  trailers: {
    configurable: true,
    get() { return this._trailers ?? (this._trailers = headersFromRaw(this.rawTrailers, {}, false)); },
    set(v) { this._trailers = v; },
  },
  trailersDistinct: { configurable: true, get() { return headersFromRaw(this.rawTrailers, {}, true); } },
});

// The message ended (all body bytes pushed): end the stream, or remember to once it exists.
IncomingMessage.prototype._pushEnd = function () {
  this.complete = true;
  if (this._rs !== null) this.push(null);
  else this._ended = true;
};

IncomingMessage.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function () {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  // The body arrives from the socket; resume it if it was paused for backpressure.
  if (this._onRead) this._onRead();
};

IncomingMessage.prototype._destroy = function (err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && !this.complete) {
    this.socket.destroy(err);
  }
  // Node settles a tick later, and reports the error only to a listener that asked for it.
  process.nextTick(onDestroyNT, this, err, cb);
};

function onDestroyNT(msg, err, cb) {
  cb(msg.listenerCount('error') === 0 ? undefined : err);
}

IncomingMessage.prototype._dump = function () {
  if (!this._dumped) {
    this._dumped = true;
    // Not built yet: nobody listens, so there is nothing to flow; materialize() replays this.
    if (this._rs === null) return;
    this.removeAllListeners('data');
    this.resume();
  }
};
