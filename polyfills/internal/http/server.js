// http.Server and http.ServerResponse: one parser per connection (ops/http.rs), requests as
// IncomingMessage, responses queued in order for pipelined requests.
import { op_http_head_fn, op_http_server_attach, op_http_write_response, op_object_like_fn } from 'atoll:ops';
import { Buffer } from 'node:buffer';
import net from 'node:net';
import EventEmitter from 'node:events';
import { queueTick } from '../timers.js';
import { codes } from '../errors.js';
import { OutgoingMessage } from './outgoing.js';
import { IncomingMessage } from './incoming.js';
import { STATUS_CODES, checkInvalidHeaderChar, utf8Length } from './common.js';

export function ServerResponse(req, options) {
  OutgoingMessage.call(this);
  this.req = req;
  if (req.method === 'HEAD') this._hasBody = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te || '');
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

Object.assign(ServerResponse.prototype, {
  statusCode: 200,
  statusMessage: undefined,
  sendDate: true,
  _sent100: false,
  _expect_continue: false,
  // The server connection this response belongs to (null for a detached ServerResponse).
  _conn: null,
  _fastDone: false,
  _isServerResponse: true,
});

ServerResponse.prototype.assignSocket = function (socket) {
  if (socket._httpMessage) throw new Error('Socket already assigned');
  socket._httpMessage = this;
  this.socket = socket;
  if (this._events !== undefined) this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function (socket) {
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function (cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function (cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};

ServerResponse.prototype.writeEarlyHints = function (hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  for (const [k, v] of Object.entries(hints)) {
    for (const one of [].concat(v)) head += `${k}: ${one}\r\n`;
  }
  this._writeRaw(`${head}\r\n`, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function () {
  this.writeHead(this.statusCode);
};

// Rendered status lines for the standard reason phrases.
const statusLines = { __proto__: null };
// _storeHeader() in Rust (a raw native function: see bind_http.rs http_head).
const httpHead = op_http_head_fn();

ServerResponse.prototype.writeHead = function (statusCode, reason, obj) {
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('write');
  const original = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new codes.ERR_HTTP_INVALID_STATUS_CODE(original);
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this._headers) {
    if (obj) {
      if (Array.isArray(obj)) {
        for (let i = 0; i < obj.length; i += 2) this.appendHeader(obj[i], obj[i + 1]);
      } else {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this._headers;
  } else {
    headers = obj;
  }
  const message = this.statusMessage;
  let line;
  if (message === STATUS_CODES[statusCode]) {
    line = statusLines[statusCode] ??= `HTTP/1.1 ${statusCode} ${message}\r\n`;
  } else {
    if (checkInvalidHeaderChar(message)) throw new codes.ERR_INVALID_CHAR('statusMessage');
    line = `HTTP/1.1 ${statusCode} ${message}\r\n`;
  }
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  // _storeHeader() in Rust for a plain header object or the setHeader() store; the JS
  // renderer for the rest (array headers or values, invalid names, Expect/Trailer), where
  // httpHead gives undefined.
  let mode = 1;
  if (headers == null) mode = 0;
  else if (headers === this._headers) mode = 2;
  else if (typeof headers !== 'object' || Array.isArray(headers)) mode = -1;
  if (mode >= 0) {
    const bits = (this.sendDate ? 1 : 0) | (this.shouldKeepAlive ? 2 : 0) | (this._hasBody ? 4 : 0) |
      (this.useChunkedEncodingByDefault ? 8 : 0) | (this.maxRequestsOnConnectionReached ? 16 : 0) |
      (this._removedConnection ? 32 : 0) | (this._removedContLen ? 64 : 0) |
      (this._removedTE ? 128 : 0) | (this.chunkedEncoding === true ? 256 : 0) |
      (this._defaultKeepAlive ? 512 : 0) | (mode << 16);
    const head = httpHead(this, line, headers, bits, this._keepAliveTimeout, this._contentLength);
    if (head !== undefined) {
      this._header = head;
      if (this._headerSent) this._headerSent = false;
      return this;
    }
  }
  this._storeHeader(line, headers);
  return this;
};

ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// The server's own 'finish' work runs before the user's listeners, as Node's resOnFinish is
// the first listener it attaches.
ServerResponse.prototype._finish = function () {
  if (this.writableFinished) return;
  if (this.socket === null || this.socket._httpMessage !== this) return;
  this.writableFinished = true;
  finishResponse(this);
};

// (A request's req/res have no listener storage until something listens: skip the emits.)
function finishResponse(res) {
  if (res._events !== undefined) res.emit('prefinish');
  const st = res._conn;
  if (st !== null) onResFinish(st, res.req, res);
  if (res._events !== undefined) res.emit('finish');
}

// finishResponse(), inlined: it runs once per request.
function fastFinishNT(res) {
  if (!res._fastDone) return;
  res._fastDone = false;
  if (res._events !== undefined) res.emit('prefinish');
  const st = res._conn;
  if (st !== null) onResFinish(st, res.req, res);
  if (res._events !== undefined) res.emit('finish');
}

// res.end(body) with nothing written before and nothing queued on the socket: the head and
// the whole body leave in one native write (Content-Length, or one chunk plus the last chunk);
// 'finish' follows on the next tick, as after a socket write callback.
ServerResponse.prototype.end = function (chunk, encoding, callback) {
  const socket = this.socket;
  if (this._conn === null || socket === null || socket._httpMessage !== this || this.finished ||
      this._headerSent || this.outputData.length !== 0 || this._trailer !== '' || this.destroyed ||
      socket._handle === null) {
    return OutgoingMessage.prototype.end.call(this, chunk, encoding, callback);
  }
  if (typeof chunk === 'function') { callback = chunk; chunk = undefined; encoding = undefined; }
  else if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
  let utf8Body = false;
  if (typeof chunk === 'string') {
    if (encoding != null && encoding !== 'utf8' && encoding !== 'utf-8') {
      return OutgoingMessage.prototype.end.call(this, chunk, encoding, callback);
    }
    utf8Body = chunk !== '';
  } else if (chunk != null && !(chunk instanceof Uint8Array)) {
    return OutgoingMessage.prototype.end.call(this, chunk, encoding, callback);
  }
  const ws = socket._writableState;
  if (ws.length !== 0 || ws.corked !== 0 || ws.ending || ws.destroyed || socket.connecting) {
    return OutgoingMessage.prototype.end.call(this, chunk, encoding, callback);
  }
  if (!this._header) {
    this._contentLength = !chunk ? 0 : typeof chunk === 'string' ? utf8Length(chunk) : chunk.byteLength;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const body = this._hasBody && chunk ? chunk : undefined;
  // Node's _send prepends the head to a string body and writes both in its encoding.
  // (With chunked framing the head travels with the latin1 chunk-size line instead.)
  const chunked = this._hasBody && this.chunkedEncoding;
  const flags = chunked ? 2 : (utf8Body && body !== undefined ? 1 : 0);
  this._headerSent = true;
  this.finished = true;
  let r;
  try {
    r = op_http_write_response(socket._handle, this._header, body, flags);
  } catch (err) {
    socket.destroy(err);
    return this;
  }
  if (socket._timer) socket._timer.refresh();
  if (typeof r === 'number') {
    socket._bytesDispatched += r;
    this.writableFinished = true;
    this._fastDone = true;
    queueTick(fastFinishNT, this);
  } else {
    r.then(() => {
      if (this.socket === socket && socket._httpMessage === this && !this.writableFinished) {
        this.writableFinished = true;
        finishResponse(this);
      }
    }, (err) => socket.destroy(err));
  }
  return this;
};

// ---- Server ----

const dateNow = Date.now;

const kDefaultHeadersTimeout = 60000;

export function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') { requestListener = options; options = {}; }
  else if (options == null) options = {};
  net.Server.call(this, { noDelay: options.noDelay ?? true, allowHalfOpen: true, keepAlive: options.keepAlive, keepAliveInitialDelay: options.keepAliveInitialDelay });
  this.IncomingMessage = options.IncomingMessage || IncomingMessage;
  this.ServerResponse = options.ServerResponse || ServerResponse;
  this.maxHeaderSize = options.maxHeaderSize;
  this.requireHostHeader = options.requireHostHeader !== false;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.rejectNonStandardBodyWrites = Boolean(options.rejectNonStandardBodyWrites);
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this.headersTimeout = options.headersTimeout ?? kDefaultHeadersTimeout;
  this.keepAliveTimeout = options.keepAliveTimeout ?? 5000;
  this.requestTimeout = options.requestTimeout ?? 300000;
  this.connectionsCheckingInterval = options.connectionsCheckingInterval ?? 30000;
  this._conns = new Set();
  this._checker = null;
  this.on('listening', () => this._startChecker());
  this.on('close', () => this._stopChecker());
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.setTimeout = function (msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype._startChecker = function () {
  if (this._checker || this.connectionsCheckingInterval <= 0) return;
  this._checker = setInterval(() => checkConnections(this), Math.min(this.connectionsCheckingInterval, 1000));
  this._checker.unref();
};

Server.prototype._stopChecker = function () {
  if (this._checker) clearInterval(this._checker);
  this._checker = null;
};

// headersTimeout / requestTimeout: connections whose request has not arrived in time get 408.
function checkConnections(server) {
  const now = Date.now();
  for (const st of server._conns) {
    if (st.reqStart === 0) continue;
    const waited = now - st.reqStart;
    const headersLate = server.headersTimeout > 0 && !st.headComplete && waited > server.headersTimeout;
    const requestLate = server.requestTimeout > 0 && waited > server.requestTimeout && !st.requestComplete;
    if (headersLate || requestLate) {
      st.reqStart = 0;
      const err = new Error('Request timeout');
      err.code = 'ERR_HTTP_REQUEST_TIMEOUT';
      socketOnError(st, err);
    }
  }
}

Server.prototype.close = function (cb) {
  this.closeIdleConnections();
  return net.Server.prototype.close.call(this, cb);
};

Server.prototype.closeAllConnections = function () {
  for (const st of this._conns) st.socket.destroy();
};

Server.prototype.closeIdleConnections = function () {
  for (const st of this._conns) {
    if (st.outgoing.length === 0 && st.incoming === null && !st.socket._httpMessage) st.socket.destroy();
  }
};

Server.prototype[Symbol.asyncDispose] = function () {
  return new Promise((resolve, reject) => {
    if (!this.listening) { resolve(); return; }
    this.close((err) => (err ? reject(err) : resolve()));
  });
};

function badRequestResponse(code) {
  const text = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
    : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  return `HTTP/1.1 ${text}\r\nConnection: close\r\n\r\n`;
}

function socketOnError(st, err) {
  const { server, socket } = st;
  if (st.errored) return;
  st.errored = true;
  if (!err.rawPacket) err.rawPacket = Buffer.alloc(0);
  if (server.listenerCount('clientError') > 0) {
    server.emit('clientError', err, socket);
    return;
  }
  if (socket.writable && (!socket._httpMessage || !socket._httpMessage._headerSent)) {
    socket.write(badRequestResponse(err.code));
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  } else {
    socket.destroy(err);
  }
}

// Per-connection state. Rust parses what the socket reads (op_http_server_attach) and hands
// over one flat record list per read: a request without a body is one HEAD..COMPLETE pair.
function Conn(server, socket) {
  this.server = server;
  this.socket = socket;
  this.incoming = null;
  this.outgoing = [];
  this.requests = 0;
  this.reqStart = Date.now();
  this.headComplete = false;
  this.requestComplete = false;
  this.errored = false;
  this.upgraded = false;
  this.closeAfter = false;
  this.pendingUpgrade = null;
  // Keep-alive: when the connection went idle (0 while busy) and the timer that checks it.
  this.idleSince = 0;
  this.idleTimer = null;
}

Conn.prototype.onEvents = function (p) {
  if (this.upgraded) return;
  if (this.idleSince !== 0) this.idleSince = 0;
  if (this.reqStart === 0 && this.incoming === null) this.reqStart = dateNow();
  const n = p.length;
  let i = 1;
  while (i < n) {
    switch (p[i]) {
      case 0:
        onHead(this, p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]);
        i += 6;
        break;
      case 1: {
        const req = this.incoming;
        if (req && !req._dumped) {
          const b = p[i + 1];
          if (!req.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) this.socket._readStop();
        }
        i += 2;
        break;
      }
      case 2: {
        const req = this.incoming;
        this.incoming = null;
        this.requestComplete = true;
        this.reqStart = 0;
        if (req) {
          // _pushEnd() of a request whose stream was never built only marks it.
          if (req._rs === null && req._pushEnd === defaultPushEnd) {
            req.complete = true;
            req._ended = true;
          } else {
            req._pushEnd();
          }
        }
        i += 1;
        break;
      }
      case 3: onUpgrade(this, p[i + 1]); return;
      case 4: {
        const err = new Error(`Parse Error: ${p[i + 2]}`);
        err.code = p[i + 1];
        err.bytesParsed = 0;
        const raw = p[i + 3];
        err.rawPacket = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
        socketOnError(this, err);
        return;
      }
      default: return;
    }
    if (this.errored) return;
  }
};

function connectionListener(socket) {
  const server = this;
  const st = new Conn(server, socket);
  server._conns.add(st);
  socket._httpConn = st;
  op_http_server_attach(socket._handle);
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', () => {
    const req = st.incoming;
    const res = socket._httpMessage;
    let handled = false;
    if (req) handled = req.emit('timeout', socket) || handled;
    if (res) handled = res.emit('timeout', socket) || handled;
    handled = server.emit('timeout', socket) || handled;
    if (!handled) socket.destroy();
  });
  socket.on('end', () => onEnd(st));
  socket.on('error', (e) => {
    if (server.listenerCount('clientError') > 0) server.emit('clientError', e, socket);
    else socket.destroy();
  });
  socket.on('close', () => {
    server._conns.delete(st);
    if (st.idleTimer) { clearTimeout(st.idleTimer); st.idleTimer = null; }
    const req = st.incoming;
    if (req && !req.complete) {
      const err = new Error('aborted');
      err.code = 'ECONNRESET';
      req.destroy(err);
    }
    for (const res of st.outgoing) {
      if (!res.writableFinished) { res.destroyed = true; res.emit('close'); }
    }
    const current = socket._httpMessage;
    if (current && !current.writableFinished && !current._closed) {
      current._closed = true;
      current.destroyed = true;
      current.emit('close');
    }
  });
}

function onEnd(st) {
  const { socket } = st;
  if (!socket._httpMessage && st.outgoing.length === 0) {
    if (socket.writable) socket.end();
  } else {
    st.closeAfter = true;
  }
}

// The prototype of requests for the default server class (made from `reqTemplate` below):
// `req instanceof IncomingMessage` holds, and HTTP/1.1 without upgrade is its default.
const requestProto = Object.create(IncomingMessage.prototype, {
  httpVersionMajor: { value: 1, writable: true, configurable: true, enumerable: true },
  httpVersionMinor: { value: 1, writable: true, configurable: true, enumerable: true },
  httpVersion: { value: '1.1', writable: true, configurable: true, enumerable: true },
  upgrade: { value: false, writable: true, configurable: true, enumerable: true },
  constructor: { value: IncomingMessage, writable: true, configurable: true },
  // Split from the parser's NUL-joined string on first read, then an own field as in Node.
  rawHeaders: {
    configurable: true,
    get() {
      const raw = splitRawHeaders(this._rawHead);
      Object.defineProperty(this, 'rawHeaders', { value: raw, writable: true, configurable: true, enumerable: true });
      return raw;
    },
    set(v) {
      Object.defineProperty(this, 'rawHeaders', { value: v, writable: true, configurable: true, enumerable: true });
    },
  },
});

// The parser's rawHeaders: names and values joined by NUL (never inside either).
function splitRawHeaders(s) {
  return s === '' ? [] : s.split('\0');
}

// Requests and responses of the default classes are made in one step from these templates
// (objectLike: the template's prototype and own fields, the first ones given): a request sets
// the same fields on each, and adding them one at a time rebuilt the same object layouts on
// every request (QuickJS frees a layout with its last object). The fields past the given ones
// start as the prototype defaults; each one is set later in a request's life.
const objectLike = op_object_like_fn();
const reqTemplate = Object.create(requestProto);
Object.assign(reqTemplate, {
  socket: null, method: null, url: '', _rawHead: '',
  _events: undefined, _eventsCount: 0, complete: false, _ended: false, _dumped: false,
  _consuming: false, _rs: null, _headers: null,
});
// Also the defaults the hot path reads (an own field is one lookup, a prototype default three
// or four); Node's constructor makes them own fields too.
const resTemplate = Object.create(ServerResponse.prototype);
Object.assign(resTemplate, {
  outputData: null, req: null, _keepAliveTimeout: 0, shouldKeepAlive: true, _conn: null,
  socket: null,
  _events: undefined, _eventsCount: 0, statusCode: 200, statusMessage: undefined,
  _header: null, _headerSent: false, chunkedEncoding: false, _last: false, _contentLength: null,
  finished: false, writableFinished: false, _fastDone: false, _closed: false, _headers: null,
  _hasBody: true, destroyed: false, _trailer: '', sendDate: true, _expect_continue: false,
  useChunkedEncodingByDefault: true, maxRequestsOnConnectionReached: false,
  _removedConnection: false, _removedContLen: false, _removedTE: false, _defaultKeepAlive: true,
});
const defaultAssignSocket = ServerResponse.prototype.assignSocket;
const defaultDetachSocket = ServerResponse.prototype.detachSocket;
const defaultDump = IncomingMessage.prototype._dump;
const defaultPushEnd = IncomingMessage.prototype._pushEnd;

function onHead(st, method, url, minor, raw, flags) {
  const { server, socket } = st;
  st.headComplete = true;
  st.requestComplete = false;
  let req;
  if (server.IncomingMessage === IncomingMessage) {
    req = objectLike(reqTemplate, socket, method, url, raw);
    if (minor !== 1) {
      req.httpVersionMinor = minor;
      req.httpVersion = `1.${minor}`;
    }
    if ((flags & 2) !== 0) req.upgrade = true;
  } else {
    req = new server.IncomingMessage(socket);
    req.method = method;
    req.url = url;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = minor;
    req.httpVersion = minor === 1 ? '1.1' : `1.${minor}`;
    req.rawHeaders = splitRawHeaders(raw);
    req.upgrade = (flags & 2) !== 0;
  }
  st.requests++;
  if (req.upgrade) {
    st.pendingUpgrade = req;
    return;
  }
  st.incoming = req;
  // Node sets shouldKeepAlive from the parser whatever the constructor chose (an HTTP/1.0
  // request with Connection: keep-alive stays open).
  const keepAlive = (flags & 1) !== 0 && !st.closeAfter;
  let res;
  if (server.ServerResponse === ServerResponse) {
    // new ServerResponse(req), and assignSocket() of a fresh response when nothing is queued
    // (nothing listens yet).
    const direct = !socket._httpMessage && ServerResponse.prototype.assignSocket === defaultAssignSocket;
    res = objectLike(resTemplate, [], req, server.keepAliveTimeout, keepAlive, st, direct ? socket : null);
    if (method === 'HEAD') res._hasBody = false;
    if (minor < 1) res.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te || '');
    if (server.maxRequestsPerSocket > 0 && st.requests >= server.maxRequestsPerSocket) {
      res.maxRequestsOnConnectionReached = true;
    }
    if (direct) socket._httpMessage = res;
    else if (socket._httpMessage) st.outgoing.push(res);
    else res.assignSocket(socket);
  } else {
    res = new server.ServerResponse(req);
    res._keepAliveTimeout = server.keepAliveTimeout;
    if (res.shouldKeepAlive !== keepAlive) res.shouldKeepAlive = keepAlive;
    if (server.maxRequestsPerSocket > 0 && st.requests >= server.maxRequestsPerSocket) {
      res.maxRequestsOnConnectionReached = true;
    }
    res._conn = st;
    if (socket._httpMessage) st.outgoing.push(res);
    else res.assignSocket(socket);
  }
  // HTTP/1.1 requires a Host header: Node answers 400 itself, as a response.
  if (server.requireHostHeader && minor === 1 && (flags & 4) === 0) {
    res.writeHead(400, ['Connection', 'close']);
    res.end();
    return;
  }
  if ((flags & 8) !== 0) {
    const expect = req.headers.expect;
    if (/(?:^|\W)100-continue(?:$|\W)/i.test(expect)) {
      res._expect_continue = true;
      if (server.listenerCount('checkContinue') > 0) {
        server.emit('checkContinue', req, res);
      } else {
        res.writeContinue();
        server.emit('request', req, res);
      }
    } else if (server.listenerCount('checkExpectation') > 0) {
      server.emit('checkExpectation', req, res);
    } else {
      res.writeHead(417);
      res.end();
    }
  } else {
    emitRequest(server, req, res);
  }
}

// server.emit('request', req, res) without emit's argument array and Reflect.apply when the
// one listener can be called as emit would call it (emit not replaced, no rejection capture).
const eeEmit = EventEmitter.prototype.emit;
const kCapture = Object.getOwnPropertySymbols(EventEmitter.prototype)
  .find((s) => s.description === 'kCapture');
function emitRequest(server, req, res) {
  const h = server._events.request;
  if (typeof h === 'function' && server.emit === eeEmit && kCapture !== undefined &&
      server[kCapture] === false) {
    h.call(server, req, res);
  } else {
    server.emit('request', req, res);
  }
}

function onUpgrade(st, head) {
  const { server, socket } = st;
  const req = st.pendingUpgrade;
  st.pendingUpgrade = null;
  const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
  st.upgraded = true;
  server._conns.delete(st);
  socket._httpConn = null;
  socket.removeAllListeners('end');
  socket.removeAllListeners('timeout');
  if (server.listenerCount(event) > 0) {
    req._pushEnd();
    server.emit(event, req, socket, Buffer.from(head.buffer, head.byteOffset, head.byteLength));
  } else {
    socket.destroy();
  }
}

// Runs first among the response's 'finish' listeners (Node attaches it before 'request').
function onResFinish(st, req, res) {
  const { socket, server } = st;
  if (!req.complete || !req._consuming) {
    // _dump() of a request whose stream was never built only marks it.
    if (req._rs === null && req._dump === defaultDump) req._dumped = true;
    else req._dump();
  }
  if (res.detachSocket === defaultDetachSocket) {
    socket._httpMessage = null;
    res.socket = null;
  } else {
    res.detachSocket(socket);
  }
  queueTick(emitCloseNT, res);
  if (res._last || st.errored) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
    return;
  }
  if (st.outgoing.length) {
    st.outgoing.shift().assignSocket(socket);
  } else if (st.closeAfter) {
    socket.end();
  } else {
    const now = dateNow();
    st.headComplete = false;
    if (server.keepAliveTimeout > 0 && st.incoming === null) {
      // One timer per connection, re-armed only when it fires early (not per request).
      st.reqStart = 0;
      st.idleSince = now;
      if (st.idleTimer === null) armIdle(st, server.keepAliveTimeout);
    } else {
      st.reqStart = now;
    }
  }
}

function emitCloseNT(res) {
  if (!res._closed) {
    res._closed = true;
    if (res._events !== undefined) res.emit('close');
  }
}

function armIdle(st, ms) {
  st.idleTimer = setTimeout(onIdleTimer, ms, st);
  st.idleTimer.unref();
}

function onIdleTimer(st) {
  st.idleTimer = null;
  const { socket, server } = st;
  if (st.idleSince === 0 || socket._httpMessage || st.incoming !== null || socket.destroyed) return;
  const left = st.idleSince + server.keepAliveTimeout - Date.now();
  if (left > 0) armIdle(st, left);
  else socket.destroy();
}

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}
