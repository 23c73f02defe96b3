// http.IncomingMessage: a request (server side) or response (client side) as a Readable.
import { Readable } from 'node:stream';
import { headersFromRaw } from './common.js';

export function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  Readable.call(this, { autoDestroy: false });
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this.rawHeaders = [];
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this._headers = null;
  this._headersDistinct = null;
  this._trailers = null;
  this._consuming = false;
  this._dumped = false;
  this._onRead = null;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperties(IncomingMessage.prototype, {
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
  trailers: {
    configurable: true,
    get() { return this._trailers ?? (this._trailers = headersFromRaw(this.rawTrailers, {}, false)); },
    set(v) { this._trailers = v; },
  },
  trailersDistinct: { configurable: true, get() { return headersFromRaw(this.rawTrailers, {}, true); } },
});

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
  // Node reports the error only to a listener that asked for it.
  cb(this.listenerCount('error') === 0 ? undefined : err);
};

IncomingMessage.prototype._dump = function () {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};
