// http.OutgoingMessage (the part ServerResponse and ClientRequest share): the headers API,
// rendering the head, framing the body (Content-Length or chunked) onto the socket.
import { Buffer } from 'node:buffer';
import Stream from 'node:stream';
import process from 'node:process';
import { codes } from '../errors.js';
import { validateHeaderName, validateHeaderValue, utcDate } from './common.js';

const crlfBuf = Buffer.from('\r\n');
const lastChunk = '0\r\n\r\n';

// Only what must be per instance is set here; the other defaults live on the prototype (a
// response is made per request, and each own property costs).
export function OutgoingMessage() {
  this.outputData = [];
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.assign(OutgoingMessage.prototype, {
  outputSize: 0,
  writable: true,
  destroyed: false,
  _last: false,
  chunkedEncoding: false,
  shouldKeepAlive: true,
  maxRequestsOnConnectionReached: false,
  _defaultKeepAlive: true,
  useChunkedEncodingByDefault: true,
  sendDate: false,
  _removedConnection: false,
  _removedContLen: false,
  _removedTE: false,
  strictContentLength: false,
  _contentLength: null,
  _hasBody: true,
  _trailer: '',
  finished: false,
  _headerSent: false,
  _closed: false,
  socket: null,
  _header: null,
  _headers: null,
  _keepAliveTimeout: 0,
  _needDrain: false,
  _onPendingData() {},
  writableFinished: false,
  _isServerResponse: false,
});

Object.defineProperties(OutgoingMessage.prototype, {
  headersSent: { configurable: true, get() { return this._header !== null; } },
  writableEnded: { configurable: true, get() { return this.finished; } },
  writableObjectMode: { configurable: true, get() { return false; } },
  writableCorked: { configurable: true, get() { return this.socket ? this.socket.writableCorked : 0; } },
  writableLength: { configurable: true, get() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); } },
  writableHighWaterMark: { configurable: true, get() { return this.socket ? this.socket.writableHighWaterMark : 16384; } },
  writableNeedDrain: { configurable: true, get() { return !this.destroyed && !this.finished && this._needDrain === true; } },
  connection: { configurable: true, get() { return this.socket; }, set(v) { this.socket = v; } },
});

OutgoingMessage.prototype.setHeader = function (name, value) {
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  if (this._headers === null) this._headers = Object.create(null);
  this._headers[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.setHeaders = function (headers) {
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('set');
  const entries = typeof headers.entries === 'function' ? headers.entries() : Object.entries(headers);
  for (const [k, v] of entries) this.setHeader(k, v);
  return this;
};

OutgoingMessage.prototype.appendHeader = function (name, value) {
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const key = name.toLowerCase();
  if (this._headers === null) this._headers = Object.create(null);
  const cur = this._headers[key];
  if (cur === undefined) this._headers[key] = [name, value];
  else cur[1] = [].concat(cur[1], value);
  return this;
};

OutgoingMessage.prototype.getHeader = function (name) {
  if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._headers === null) return undefined;
  const e = this._headers[name.toLowerCase()];
  return e && e[1];
};

OutgoingMessage.prototype.getHeaderNames = function () {
  return this._headers !== null ? Object.keys(this._headers) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function () {
  return this._headers !== null ? Object.values(this._headers).map((e) => e[0]) : [];
};

OutgoingMessage.prototype.getHeaders = function () {
  const out = Object.create(null);
  if (this._headers !== null) for (const k of Object.keys(this._headers)) out[k] = this._headers[k][1];
  return out;
};

OutgoingMessage.prototype.hasHeader = function (name) {
  if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
  return this._headers !== null && this._headers[name.toLowerCase()] !== undefined;
};

OutgoingMessage.prototype.removeHeader = function (name) {
  if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  if (key === 'connection') this._removedConnection = true;
  else if (key === 'content-length') this._removedContLen = true;
  else if (key === 'transfer-encoding') this._removedTE = true;
  else if (key === 'date') this.sendDate = false;
  if (this._headers !== null) delete this._headers[key];
};

OutgoingMessage.prototype.addTrailers = function (headers) {
  this._trailer = '';
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [k, v] of entries) {
    validateHeaderName(k, 'Trailer name');
    validateHeaderValue(k, v);
    this._trailer += `${k}: ${v}\r\n`;
  }
};

// Render the head: `firstLine` plus the stored headers plus what the framing needs.
// addHeader() accumulates here (rendering is synchronous and never re-entered).
let gHead = '';
let gFlags = 0;
const F_CONNECTION = 1;
const F_CONTLEN = 2;
const F_TE = 4;
const F_DATE = 8;
const F_EXPECT = 16;
const F_TRAILER = 32;

OutgoingMessage.prototype._storeHeader = function (firstLine, headers) {
  gHead = firstLine;
  gFlags = 0;
  if (headers) {
    if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (let i = 0; i < headers.length; i++) addHeader(this, headers[i][0], headers[i][1], true);
      } else {
        for (let i = 0; i < headers.length; i += 2) addHeader(this, headers[i], headers[i + 1], true);
      }
    } else if (this._headers === headers) {
      // The setHeader() store: `{ lowercased: [name, value] }`, validated when set.
      for (const k in headers) {
        const e = headers[k];
        addHeader(this, e[0], e[1], false);
      }
    } else {
      for (const k in headers) {
        if (Object.hasOwn(headers, k)) addHeader(this, k, headers[k], true);
      }
    }
  }
  const flags = gFlags;
  let head = gHead;
  gHead = '';
  const contLen = (flags & F_CONTLEN) !== 0;
  const te = (flags & F_TE) !== 0;
  if (this.sendDate && (flags & F_DATE) === 0) head += `Date: ${utcDate()}\r\n`;
  // Keep-alive is possible only if the body length is known.
  if (this.chunkedEncoding !== true && !contLen && !te && this._hasBody &&
      !(this.useChunkedEncodingByDefault) && typeof this._contentLength !== 'number') {
    this._last = true;
  }
  if ((flags & F_CONNECTION) === 0 && !this._removedConnection) {
    // Node's rule: a Content-Length header, chunking by default or an agent. (A client request
    // without an agent also keeps the connection when its length is known.)
    const shouldSendKeepAlive = this.shouldKeepAlive && (contLen || this.useChunkedEncodingByDefault || this.agent ||
      (!this._isServerResponse && (te || typeof this._contentLength === 'number' || !this._hasBody)));
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      head += 'Connection: close\r\n';
      this._last = true;
    } else if (shouldSendKeepAlive) {
      head += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        head += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
      }
    } else {
      this._last = true;
      head += 'Connection: close\r\n';
    }
  }
  if (!contLen && !te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault && this._isServerResponse) {
      // A response to HTTP/1.0: the body ends with the connection (Node sends no
      // Content-Length). (The client keeps its own framing; it reads `_last` as "close".)
      this._last = true;
    } else if (!this._removedContLen && typeof this._contentLength === 'number') {
      head += `Content-Length: ${this._contentLength}\r\n`;
    } else if (!this._removedTE) {
      head += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  if (this.chunkedEncoding !== true && (flags & F_TRAILER) !== 0) throw new codes.ERR_HTTP_TRAILER_INVALID();
  this._header = `${head}\r\n`;
  this._headerSent = false;
  if ((flags & F_EXPECT) !== 0) this._send('');
};

// One header line (or several for an array value) into `gHead`, noting the framing ones.
function addHeader(msg, name, value, validate) {
  if (Array.isArray(value)) {
    const key = name.toLowerCase();
    if (key === 'cookie') {
      value = value.join('; ');
    } else if (key === 'set-cookie' || value.length <= 1) {
      if (validate) validateHeaderName(name);
      for (let i = 0; i < value.length; i++) {
        validateHeaderValue(name, value[i]);
        gHead += `${name}: ${value[i]}\r\n`;
      }
      return;
    } else {
      for (let i = 0; i < value.length; i++) addHeader(msg, name, value[i], validate);
      return;
    }
  }
  if (validate) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  }
  gHead += `${name}: ${value}\r\n`;
  // Only names of these lengths can matter to the framing.
  const n = name.length;
  if (n !== 4 && n !== 6 && n !== 7 && n !== 10 && n !== 14 && n !== 17) return;
  switch (name.toLowerCase()) {
    case 'connection':
      gFlags |= F_CONNECTION;
      msg._removedConnection = false;
      if (/(?:^|\W)close(?:$|\W)/i.test(value)) msg._last = true;
      else msg.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      gFlags |= F_TE;
      msg._removedTE = false;
      if (/(?:^|\W)chunked(?:$|\W)/i.test(value)) msg.chunkedEncoding = true;
      break;
    case 'content-length':
      gFlags |= F_CONTLEN;
      msg._contentLength = +value;
      msg._removedContLen = false;
      break;
    case 'date': gFlags |= F_DATE; break;
    case 'keep-alive': msg._defaultKeepAlive = false; break;
    case 'expect': gFlags |= F_EXPECT; break;
    case 'trailer': gFlags |= F_TRAILER; break;
    default: break;
  }
}

// Queue or write raw bytes (the head goes out with the first data).
OutgoingMessage.prototype._send = function (data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
      data = this._header + data;
    } else {
      const header = this._header;
      this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
      this.outputSize += header.length;
      this._onPendingData(header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function (data, encoding, callback) {
  const conn = this.socket;
  if (conn && conn.destroyed) return false;
  if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < 16384;
};

OutgoingMessage.prototype._flushOutput = function (socket) {
  const data = this.outputData;
  if (!data.length) return true;
  let ret;
  socket.cork();
  for (const { data: d, encoding, callback } of data) ret = socket.write(d, encoding, callback);
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype._flush = function () {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) this._finish();
    else if (ret && this._needDrain) { this._needDrain = false; this.emit('drain'); }
  }
};

OutgoingMessage.prototype.flushHeaders = function () {
  if (!this._header) this._implicitHeader();
  this._send('');
};

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

function writeAfterEnd(msg, cb) {
  const err = new codes.ERR_STREAM_WRITE_AFTER_END();
  process.nextTick(() => {
    if (msg.socket == null || !msg.socket.destroyed) msg.emit('error', err);
    if (typeof cb === 'function') cb(err);
  });
}

OutgoingMessage.prototype._writeBody = function (chunk, encoding, callback) {
  if (!this._header) this._implicitHeader();
  if (!this._hasBody) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  const len = byteLength(chunk, encoding);
  if (len === 0) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  if (this.chunkedEncoding) {
    const socket = this.socket;
    if (socket && socket._httpMessage === this && !this.outputData.length) socket.cork();
    this._send(`${len.toString(16)}\r\n`, 'latin1', null);
    this._send(chunk, encoding, null);
    const ret = this._send(crlfBuf, null, callback);
    if (socket && socket.writableCorked) socket.uncork();
    return ret;
  }
  return this._send(chunk, encoding, callback);
};

OutgoingMessage.prototype.write = function (chunk, encoding, callback) {
  if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  if (this.finished) { writeAfterEnd(this, callback); return true; }
  if (chunk === null) throw new codes.ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
  if (this.destroyed) return false;
  const ret = this._writeBody(chunk, encoding, callback);
  if (!ret) this._needDrain = true;
  return ret;
};

OutgoingMessage.prototype.end = function (chunk, encoding, callback) {
  if (typeof chunk === 'function') { callback = chunk; chunk = null; encoding = null; }
  else if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  if (chunk) {
    if (this.finished) { writeAfterEnd(this, callback); return this; }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
    }
    if (!this._header) this._contentLength = byteLength(chunk, encoding);
    const socket = this.socket;
    if (socket && socket._httpMessage === this) socket.cork();
    this._writeBody(chunk, encoding, null);
    if (socket && socket._httpMessage === this) process.nextTick(() => socket.writableCorked && socket.uncork());
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(new codes.ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (!this._header) {
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const finish = () => this._finish();
  if (this._hasBody && this.chunkedEncoding) {
    this._send(`${lastChunk.slice(0, -2)}${this._trailer}\r\n`, 'latin1', finish);
  } else if (!this._headerSent || this.socket === null || this.socket._httpMessage !== this || this.outputData.length) {
    this._send('', 'latin1', finish);
  } else {
    this._send('', 'latin1', finish);
  }
  this.finished = true;
  return this;
};

OutgoingMessage.prototype._finish = function () {
  if (this.writableFinished) return;
  if (this.socket === null || this.socket._httpMessage !== this) return;
  this.writableFinished = true;
  this.emit('prefinish');
  this.emit('finish');
};

OutgoingMessage.prototype.destroy = function (err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.socket) this.socket.destroy(err);
  else this.once('socket', (socket) => socket.destroy(err));
  return this;
};

OutgoingMessage.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) this.once('socket', (s) => s.setTimeout(msecs));
  else this.socket.setTimeout(msecs);
  return this;
};

OutgoingMessage.prototype.cork = function () { if (this.socket) this.socket.cork(); };
OutgoingMessage.prototype.uncork = function () { if (this.socket) this.socket.uncork(); };
OutgoingMessage.prototype._implicitHeader = function () {
  throw new codes.ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};
