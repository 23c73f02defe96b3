// http.Server and http.ServerResponse: one parser per connection (ops/http.rs), requests as
// IncomingMessage, responses queued in order for pipelined requests.
import {
  op_http_parser_new, op_http_parser_execute, op_http_parser_finish, op_http_parser_free,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import net from 'node:net';
import process from 'node:process';
import { codes } from '../errors.js';
import { OutgoingMessage } from './outgoing.js';
import { IncomingMessage } from './incoming.js';
import { STATUS_CODES, checkInvalidHeaderChar } from './common.js';

export function ServerResponse(req, options) {
  OutgoingMessage.call(this);
  this.req = req;
  this.statusCode = 200;
  this.statusMessage = undefined;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.method === 'HEAD') this._hasBody = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te || '');
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.assignSocket = function (socket) {
  if (socket._httpMessage) throw new Error('Socket already assigned');
  socket._httpMessage = this;
  this.socket = socket;
  this.emit('socket', socket);
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
  if (checkInvalidHeaderChar(this.statusMessage)) throw new codes.ERR_INVALID_CHAR('statusMessage');
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// ---- Server ----

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

function connectionListener(socket) {
  const server = this;
  const st = {
    server,
    socket,
    parser: op_http_parser_new(false),
    incoming: null,
    outgoing: [],
    requests: 0,
    reqStart: Date.now(),
    headComplete: false,
    requestComplete: false,
    errored: false,
    upgraded: false,
  };
  server._conns.add(st);
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
  socket.on('data', (d) => onData(st, d));
  socket.on('end', () => onEnd(st));
  socket.on('error', (e) => {
    if (server.listenerCount('clientError') > 0) server.emit('clientError', e, socket);
    else socket.destroy();
  });
  socket.on('close', () => {
    server._conns.delete(st);
    op_http_parser_free(st.parser);
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
  let events;
  try {
    events = op_http_parser_finish(st.parser);
  } catch (err) {
    socketOnError(st, err);
    return;
  }
  handleEvents(st, events);
  const { socket } = st;
  if (!socket._httpMessage && st.outgoing.length === 0) {
    if (socket.writable) socket.end();
  } else {
    st.closeAfter = true;
  }
}

function onData(st, d) {
  if (st.upgraded) return;
  const { socket } = st;
  if (socket._keepAliveTimer) {
    clearTimeout(socket._keepAliveTimer);
    socket._keepAliveTimer = null;
  }
  if (st.reqStart === 0 && st.incoming === null) st.reqStart = Date.now();
  let events;
  try {
    events = op_http_parser_execute(st.parser, d);
  } catch (err) {
    err.bytesParsed = 0;
    err.rawPacket = d;
    socketOnError(st, err);
    return;
  }
  handleEvents(st, events);
}

function handleEvents(st, events) {
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    switch (ev[0]) {
      case 0: onHead(st, ev); break;
      case 1: {
        const req = st.incoming;
        if (req && !req._dumped) {
          const b = ev[1];
          if (!req.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) st.socket.pause();
        }
        break;
      }
      case 2: {
        const req = st.incoming;
        st.incoming = null;
        st.requestComplete = true;
        st.reqStart = 0;
        if (req) {
          req.complete = true;
          req.push(null);
        }
        break;
      }
      case 3: onUpgrade(st, ev[1]); return;
      default: break;
    }
  }
}

function onHead(st, ev) {
  const { server, socket } = st;
  const [, method, url, minor, raw, keepAlive, upgrade] = ev;
  st.headComplete = true;
  st.requestComplete = false;
  const req = new server.IncomingMessage(socket);
  req.method = method;
  req.url = url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = minor;
  req.httpVersion = `1.${minor}`;
  req.rawHeaders = raw;
  req.upgrade = upgrade;
  req._onRead = () => { if (socket.isPaused()) socket.resume(); };
  st.requests++;
  if (server.requireHostHeader && minor === 1 && !raw.some((v, i) => i % 2 === 0 && v.length === 4 && v.toLowerCase() === 'host')) {
    const err = new Error('Parse Error: Missing Host header');
    err.code = 'HPE_INVALID_HEADER_TOKEN';
    socketOnError(st, err);
    return;
  }
  if (upgrade) {
    st.pendingUpgrade = req;
    return;
  }
  st.incoming = req;
  const res = new server.ServerResponse(req);
  res._keepAliveTimeout = server.keepAliveTimeout;
  res.shouldKeepAlive = keepAlive && res.shouldKeepAlive !== false && !st.closeAfter;
  if (server.maxRequestsPerSocket > 0 && st.requests >= server.maxRequestsPerSocket) {
    res.maxRequestsOnConnectionReached = true;
  }
  res.on('finish', () => onResFinish(st, req, res));
  if (socket._httpMessage) {
    st.outgoing.push(res);
  } else {
    res.assignSocket(socket);
  }
  const expect = req.headers.expect;
  if (expect !== undefined) {
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
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  socket.removeAllListeners('timeout');
  if (server.listenerCount(event) > 0) {
    req.complete = true;
    req.push(null);
    server.emit(event, req, socket, Buffer.from(head.buffer, head.byteOffset, head.byteLength));
  } else {
    socket.destroy();
  }
}

function onResFinish(st, req, res) {
  const { socket, server } = st;
  if (!req.complete || !req._consuming) req._dump();
  res.detachSocket(socket);
  req.emit('close');
  process.nextTick(() => res.emit('close'));
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
    st.reqStart = Date.now();
    st.headComplete = false;
    if (server.keepAliveTimeout > 0) {
      socket._keepAliveTimer = setTimeout(() => {
        if (!socket._httpMessage && st.incoming === null) socket.destroy();
      }, server.keepAliveTimeout);
      socket._keepAliveTimer.unref();
      st.reqStart = 0;
    }
  }
}

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}
