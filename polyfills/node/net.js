// node:net — TCP and Unix-domain sockets and servers over tokio (ops in runtime/src/ops/net.rs).
// Every TCP connect and listen goes through the --allow-net policy in Rust; a Unix socket path
// needs --allow-write on it (binding creates a file; connecting counts as a write, as in Node's
// permission model). A denial arrives as ERR_ACCESS_DENIED on the socket's / server's 'error'
// event, like any other connect/listen failure.
import {
  op_net_connect, op_net_listen, op_net_server_close, op_net_read_start, op_net_read_stop,
  op_net_write, op_net_shutdown, op_net_close, op_net_addresses, op_net_set_no_delay,
  op_net_set_keep_alive, op_net_ref, op_dns_lookup, op_net_connect_unix, op_net_listen_unix,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import EventEmitter from 'node:events';
import { Duplex } from 'node:stream';
import process from 'node:process';
import { codes, exceptionWithHostPort, uvException, uvExceptionWithHostPort } from '../internal/errors.js';
import { validateNumber, validatePort, validateFunction, validateObject } from '../internal/validators.js';
import { attach, detach, ensureNet, EV_DATA, EV_EOF, EV_ERROR, EV_CONNECTION, EV_HTTP } from '../internal/net/handles.js';
import { isIP, isIPv4, isIPv6, v4ToBigInt, v6ToBigInt } from '../internal/net/ip.js';

export { isIP, isIPv4, isIPv6 };

const kLastWriteQueueSize = Symbol('lastWriteQueueSize');
let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

function isPipeName(s) { return typeof s === 'string' && isIP(s) === 0 && !/^\d+$/.test(s); }

// connect(port[, host][, cb]) / connect(options[, cb]) / connect(path[, cb]) -> [options, cb]
export function _normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

function toBuffer(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding || 'utf8');
  return chunk;
}

function sysError(err, syscall, address, port) {
  if (err && err.code === 'ERR_ACCESS_DENIED') return err;
  if (err && typeof err.errno === 'number' && err.syscall !== 'getaddrinfo') {
    return exceptionWithHostPort({ errno: err.errno, code: err.code, syscall, address, port });
  }
  if (err && err.syscall === 'getaddrinfo') {
    const e = new Error(`getaddrinfo ${err.code} ${address}`);
    e.errno = err.errno;
    e.code = err.code;
    e.syscall = 'getaddrinfo';
    e.hostname = address;
    return e;
  }
  return err;
}

// ---- Socket ----

export function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  if (options.fd !== undefined) throw new codes.ERR_NOT_IMPLEMENTED('net.Socket({ fd })');
  const allowHalfOpen = Boolean(options.allowHalfOpen);
  Duplex.call(this, {
    ...options,
    allowHalfOpen,
    emitClose: false,
    autoDestroy: true,
    decodeStrings: false,
  });
  this.connecting = false;
  this._hadError = false;
  this._handle = null;
  this._reading = false;
  this._refd = true;
  this._host = null;
  this._addrs = null;
  this._pendingWrite = null;
  this._timeoutMs = 0;
  this._timer = null;
  this._bytesRead = 0;
  this._bytesDispatched = 0;
  // The node:http server state consuming this socket's reads (EV_HTTP events), if any.
  this._httpConn = null;
  this.server = null;
  this._server = null;
  this[kLastWriteQueueSize] = 0;
  if (options.handle !== undefined) {
    this._attach(options.handle, options.addresses);
    if (!options.pauseOnCreate) this.read(0);
  }
  if (options.signal) {
    const { signal } = options;
    if (signal.aborted) process.nextTick(() => this.destroy(signal.reason));
    else signal.addEventListener('abort', () => this.destroy(signal.reason), { once: true });
  }
  this.on('end', onReadableEnd);
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

function onReadableEnd() {
  // allowHalfOpen=false: Duplex already called end(); make sure a finished socket goes away.
  if (!this.allowHalfOpen && this.writableFinished) this.destroy();
}

Socket.prototype._attach = function (id, addresses) {
  this._handle = id;
  this._addrs = addresses || null;
  attach(id, this);
  op_net_ref(id, this._refd);
};

Socket.prototype._onHandleEvent = function (kind, payload) {
  if (kind === EV_DATA) {
    const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    this._bytesRead += buf.length;
    this._touch();
    if (!this.push(buf)) this._readStop();
  } else if (kind === EV_HTTP) {
    // Parsed by Rust for the node:http server that consumes this socket (no 'data' events,
    // as in Node where the parser consumes the handle).
    this._bytesRead += payload[0];
    if (this._timer) this._timer.refresh();
    this._httpConn.onEvents(payload);
  } else if (kind === EV_EOF) {
    this._reading = false;
    this.push(null);
    this.read(0);
  } else if (kind === EV_ERROR) {
    this._reading = false;
    this.destroy(uvException({ errno: payload.errno, code: payload.code, syscall: payload.syscall }));
  }
};

Socket.prototype._readStart = function () {
  if (this._handle !== null && !this._reading && !this.connecting) {
    this._reading = true;
    op_net_read_start(this._handle);
  }
};

Socket.prototype._readStop = function () {
  if (this._handle !== null && this._reading) {
    this._reading = false;
    op_net_read_stop(this._handle);
  }
};

Socket.prototype._read = function (n) {
  if (this.connecting || this._handle === null) {
    this.once('connect', () => this._read(n));
    return;
  }
  this._readStart();
};

Socket.prototype.pause = function () {
  if (!this.connecting) this._readStop();
  return Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function () {
  const r = Duplex.prototype.resume.call(this);
  if (!this.connecting && !this.readableEnded && this._readableState.length < this.readableHighWaterMark) {
    this._readStart();
  }
  return r;
};

Socket.prototype._writeGeneric = function (data, cb) {
  if (this.connecting || this._handle === null) {
    if (this.destroyed || (!this.connecting && this._handle === null && !this._pendingConnect)) {
      cb(new codes.ERR_SOCKET_CLOSED());
      return;
    }
    this._pendingWrite = [data, cb];
    return;
  }
  this._touch();
  let r;
  try {
    r = op_net_write(this._handle, data);
  } catch (err) {
    cb(sysError(err, 'write'));
    return;
  }
  this._bytesDispatched += data.length;
  if (typeof r === 'number') {
    cb();
  } else {
    this[kLastWriteQueueSize] = data.length;
    r.then(() => { this[kLastWriteQueueSize] = 0; this._touch(); cb(); },
      (err) => { this[kLastWriteQueueSize] = 0; cb(err); });
  }
};

Socket.prototype._write = function (chunk, encoding, cb) {
  this._writeGeneric(toBuffer(chunk, encoding), cb);
};

Socket.prototype._writev = function (chunks, cb) {
  const bufs = chunks.map((c) => toBuffer(c.chunk, c.encoding));
  this._writeGeneric(bufs.length === 1 ? bufs[0] : Buffer.concat(bufs), cb);
};

Socket.prototype._final = function (cb) {
  if (this.connecting || (this._handle === null && this._pendingConnect)) {
    this.once('connect', () => this._final(cb));
    return;
  }
  if (this._handle === null) { cb(); return; }
  try {
    op_net_shutdown(this._handle);
  } catch (err) {
    cb(err);
    return;
  }
  cb();
  // Both sides done: go away (the readable side may already have ended).
  if (this.readableEnded) process.nextTick(() => this.destroy());
};

Socket.prototype._destroy = function (err, cb) {
  this._clearTimer();
  this.connecting = false;
  const id = this._handle;
  if (id !== null) {
    this._handle = null;
    this._reading = false;
    detach(id);
    op_net_close(id, this._resetOnDestroy === true);
  }
  if (this._pendingWrite) {
    const [, wcb] = this._pendingWrite;
    this._pendingWrite = null;
    wcb(err || new codes.ERR_SOCKET_CLOSED());
  }
  this._hadError = Boolean(err);
  cb(err);
  process.nextTick(() => {
    this.emit('close', this._hadError);
    const server = this._server;
    if (server) {
      this._server = null;
      server._connections--;
      server._emitCloseIfDrained();
    }
  });
};

Socket.prototype.resetAndDestroy = function () {
  this._resetOnDestroy = true;
  return this.destroy();
};

Socket.prototype.destroySoon = function () {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype.connect = function (...args) {
  let options;
  let cb;
  if (Array.isArray(args[0]) && args[0].length === 2 && typeof args[0][0] === 'object') {
    [options, cb] = args[0];
  } else {
    [options, cb] = _normalizeArgs(args);
  }
  if (cb) this.once('connect', cb);
  if (this.destroyed) {
    this._readableState.reading = false;
    this._readableState.ended = false;
    this._readableState.endEmitted = false;
    this._writableState.ended = false;
    this._writableState.ending = false;
    this._writableState.finished = false;
    this._writableState.errorEmitted = false;
    this._writableState.destroyed = false;
    this._readableState.destroyed = false;
  }
  if (options.path !== undefined && options.path !== null) {
    const { path } = options;
    if (typeof path !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('options.path', 'string', path);
    if (path[0] === '\0') throw new codes.ERR_NOT_IMPLEMENTED('abstract Unix sockets (a path starting with \\0)');
    if (options.timeout) this.setTimeout(options.timeout);
    this.connecting = true;
    this._pendingConnect = true;
    ensureNet();
    op_net_connect_unix(path).then((id) => this._onConnected(id, [undefined, undefined], options), (err) => {
      this._pendingConnect = false;
      this.connecting = false;
      this.destroy(err && err.code === 'ERR_ACCESS_DENIED' ? err
        : exceptionWithHostPort({ errno: err.errno, code: err.code, syscall: 'connect', address: path }));
    });
    return this;
  }
  const host = options.host || options.hostname || 'localhost';
  let { port } = options;
  if (typeof port !== 'number' && typeof port !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
  }
  port = validatePort(port);
  if (options.timeout) this.setTimeout(options.timeout);
  this.connecting = true;
  this._pendingConnect = true;
  this._host = host;
  ensureNet();
  op_net_connect(host, port).then(([id, local, remote]) => this._onConnected(id, [local, remote], options), (err) => {
    this._pendingConnect = false;
    this.connecting = false;
    const address = isIP(host) ? host : (host === 'localhost' ? '127.0.0.1' : host);
    this.destroy(sysError(err, 'connect', address, port));
  });
  return this;
};

// A connect (TCP, Unix, or TLS after its handshake) succeeded with handle `id`.
Socket.prototype._onConnected = function (id, addresses, options) {
  this._pendingConnect = false;
  if (this.destroyed) {
    op_net_close(id);
    return;
  }
  this.connecting = false;
  this._attach(id, addresses);
  if (options.noDelay) op_net_set_no_delay(id, true);
  if (options.keepAlive) op_net_set_keep_alive(id, true, options.keepAliveInitialDelay || 0);
  this._touch();
  const pending = this._pendingWrite;
  this._pendingWrite = null;
  this.emit('connect');
  if (this._onSecure) this._onSecure();
  this.emit('ready');
  if (pending) this._writeGeneric(pending[0], pending[1]);
  if (!this.isPaused() || this.listenerCount('data') === 0) this.read(0);
};

Socket.prototype.setNoDelay = function (enable = true) {
  if (this._handle !== null) op_net_set_no_delay(this._handle, Boolean(enable));
  else this.once('connect', () => this.setNoDelay(enable));
  return this;
};

Socket.prototype.setKeepAlive = function (enable = false, initialDelay = 0) {
  if (this._handle !== null) op_net_set_keep_alive(this._handle, Boolean(enable), ~~(initialDelay));
  else this.once('connect', () => this.setKeepAlive(enable, initialDelay));
  return this;
};

Socket.prototype._clearTimer = function () {
  if (this._timer) {
    clearTimeout(this._timer);
    this._timer = null;
  }
};

Socket.prototype._touch = function () {
  if (this._timer) this._timer.refresh();
};

Socket.prototype._onTimeout = function () {
  this._timer = null;
  this.emit('timeout');
  // Node re-arms only on activity; a listener that wants more calls setTimeout again.
};

Socket.prototype.setTimeout = function (msecs, callback) {
  validateNumber(msecs, 'msecs', 0);
  this._clearTimer();
  this._timeoutMs = msecs;
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
    return this;
  }
  this._timer = setTimeout(() => this._onTimeout(), msecs);
  this._timer.unref();
  if (callback !== undefined) {
    validateFunction(callback, 'callback');
    this.once('timeout', callback);
  }
  return this;
};

Object.defineProperty(Socket.prototype, 'timeout', {
  get() { return this._timeoutMs; }, configurable: true,
});

Socket.prototype.ref = function () {
  this._refd = true;
  if (this._handle !== null) op_net_ref(this._handle, true);
  return this;
};

Socket.prototype.unref = function () {
  this._refd = false;
  if (this._handle !== null) op_net_ref(this._handle, false);
  return this;
};

Socket.prototype._addresses = function () {
  if (!this._addrs && this._handle !== null) this._addrs = op_net_addresses(this._handle) || null;
  return this._addrs;
};

Socket.prototype.address = function () {
  const a = this._addresses();
  if (!a || !a[0]) return {};
  return { address: a[0][0], family: a[0][2], port: a[0][1] };
};

function addrGetter(name, side, field) {
  Object.defineProperty(Socket.prototype, name, {
    configurable: true,
    get() {
      const a = this._addresses();
      return a && a[side] ? a[side][field] : undefined;
    },
  });
}
addrGetter('localAddress', 0, 0);
addrGetter('localPort', 0, 1);
addrGetter('localFamily', 0, 2);
addrGetter('remoteAddress', 1, 0);
addrGetter('remotePort', 1, 1);
addrGetter('remoteFamily', 1, 2);

Object.defineProperties(Socket.prototype, {
  bytesRead: { configurable: true, get() { return this._bytesRead; } },
  bytesWritten: {
    configurable: true,
    get() {
      let n = this._bytesDispatched;
      for (const { chunk, encoding } of this._writableState.buffered || []) {
        n += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
      }
      return n;
    },
  },
  bufferSize: { configurable: true, get() { return this._handle !== null ? this.writableLength : undefined; } },
  pending: { configurable: true, get() { return this._handle === null || this.connecting; } },
  readyState: {
    configurable: true,
    get() {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
  },
  _connecting: { configurable: true, get() { return this.connecting; } },
});

export const Stream = Socket;

export function connect(...args) {
  const [options, cb] = _normalizeArgs(args);
  if (options.timeout) validateNumber(options.timeout, 'options.timeout', 0);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(options, cb);
}
export const createConnection = connect;

// ---- Server ----

export function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  this._connections = 0;
  this._handle = null;
  this._address = null;
  this._usingWorkers = false;
  this._refd = true;
  this._listening = false;
  this._closeCallbacks = [];
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.maxConnections = undefined;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  configurable: true, get() { return this._listening; },
});

Object.defineProperty(Server.prototype, 'connections', {
  configurable: true,
  get() { return this._connections; },
  set(v) { this._connections = v; },
});

Server.prototype._onHandleEvent = function (kind, payload) {
  if (kind === EV_CONNECTION) {
    const [id, local, remote] = payload;
    if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
      op_net_close(id);
      // A Unix socket connection has no addresses.
      this.emit('drop', local ? {
        localAddress: local[0], localPort: local[1], localFamily: local[2],
        remoteAddress: remote[0], remotePort: remote[1], remoteFamily: remote[2],
      } : {});
      return;
    }
    const socketOptions = {
      handle: id, addresses: [local, remote], allowHalfOpen: this.allowHalfOpen,
      pauseOnCreate: this.pauseOnConnect,
    };
    // tls.Server makes TLSSockets (payload[3] is the TLS session).
    const socket = this._makeSocket ? this._makeSocket(socketOptions, payload[3]) : new Socket(socketOptions);
    if (this.noDelay) op_net_set_no_delay(id, true);
    if (this.keepAlive) op_net_set_keep_alive(id, true, this.keepAliveInitialDelay * 1000);
    socket.server = this;
    socket._server = this;
    this._connections++;
    this.emit('connection', socket);
    // TLS connections arrive handshaken: 'connection' and 'secureConnection' at once.
    if (this._makeSocket) this.emit('secureConnection', socket);
  } else if (kind === EV_ERROR) {
    this.emit('error', uvException({ errno: payload.errno, code: payload.code, syscall: payload.syscall }));
  }
};

function listenError(err, address, port) {
  if (err && err.code === 'ERR_ACCESS_DENIED') return err;
  if (err && typeof err.errno === 'number') {
    return uvExceptionWithHostPort({ errno: err.errno, code: err.code, syscall: 'listen', address, port });
  }
  return err;
}

Server.prototype._listenOn = function (hostArg, address, port, backlog) {
  let r;
  try {
    // tls.Server listens through its own op (same result shape).
    r = this._listenOp ? this._listenOp(hostArg, address, port, backlog || 511)
      : op_net_listen(hostArg, address, port, backlog || 511);
  } catch (err) {
    if (hostArg === undefined && address === '::' && (err.code === 'EAFNOSUPPORT' || err.code === 'EADDRNOTAVAIL')) {
      this._listenOn(undefined, '0.0.0.0', port, backlog);
      return;
    }
    process.nextTick(() => this.emit('error', listenError(err, address, port)));
    return;
  }
  const [id, addr, realPort, family] = r;
  this._handle = id;
  this._address = { address: addr, family, port: realPort };
  this._listening = true;
  attach(id, this);
  if (!this._refd) op_net_ref(id, false);
  process.nextTick(() => this.emit('listening'));
};

Server.prototype.listen = function (...args) {
  let cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  let options = {};
  if (typeof args[0] === 'object' && args[0] !== null) {
    options = args[0];
    if (options._handle || options.handle || options.fd !== undefined) {
      throw new codes.ERR_NOT_IMPLEMENTED('server.listen(handle)');
    }
  } else if (isPipeName(args[0])) {
    options = { path: args[0], backlog: args[1] };
  } else {
    options = { port: args[0] };
    if (typeof args[1] === 'string') { options.host = args[1]; options.backlog = args[2]; }
    else if (typeof args[1] === 'number') options.backlog = args[1];
  }
  if (this._listening) throw new codes.ERR_SERVER_ALREADY_LISTEN();
  if (cb) this.once('listening', cb);
  if (options.path !== undefined && options.path !== null) {
    this._listenUnix(String(options.path));
    return this;
  }
  let port = options.port ?? 0;
  if (port === null || port === '') port = 0;
  port = validatePort(port, 'options.port');
  const host = options.host;
  ensureNet();
  if (host === undefined || host === null || host === '') {
    this._listenOn(undefined, options.ipv6Only === false ? '0.0.0.0' : '::', port, options.backlog);
  } else if (isIP(host)) {
    this._listenOn(host, host, port, options.backlog);
  } else if (host === 'localhost') {
    this._listenOn(host, '127.0.0.1', port, options.backlog);
  } else {
    op_dns_lookup(host).then((list) => {
      if (!list.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      this._listenOn(host, list[0][0], port, options.backlog);
    }, (err) => this.emit('error', sysError(err, 'listen', host, port)));
  }
  return this;
};

Server.prototype._listenUnix = function (path) {
  if (this._listenOp || path[0] === '\0') {
    const what = this._listenOp ? 'TLS over a Unix socket (tls/https server.listen(path))'
      : 'abstract Unix sockets (a path starting with \\0)';
    process.nextTick(() => this.emit('error', new codes.ERR_NOT_IMPLEMENTED(what)));
    return;
  }
  ensureNet();
  let id;
  try {
    id = op_net_listen_unix(path);
  } catch (err) {
    process.nextTick(() => this.emit('error', err.code === 'ERR_ACCESS_DENIED' ? err
      : uvExceptionWithHostPort({ errno: err.errno, code: err.code, syscall: 'listen', address: path, port: -1 })));
    return;
  }
  this._handle = id;
  this._address = path;
  this._listening = true;
  attach(id, this);
  if (!this._refd) op_net_ref(id, false);
  process.nextTick(() => this.emit('listening'));
};

Server.prototype.address = function () {
  if (!this._listening) return null;
  // A Unix socket server's address is its path.
  return typeof this._address === 'string' ? this._address : { ...this._address };
};

Server.prototype._emitCloseIfDrained = function () {
  if (this._handle !== null || this._connections > 0 || !this._closing) return;
  this._closing = false;
  process.nextTick(() => {
    const cbs = this._closeCallbacks;
    this._closeCallbacks = [];
    this.emit('close');
    for (const cb of cbs) cb();
  });
};

Server.prototype.close = function (cb) {
  if (typeof cb === 'function') {
    if (!this._listening) {
      this.once('close', function close() { cb(new codes.ERR_SERVER_NOT_RUNNING()); });
    } else {
      this._closeCallbacks.push(cb);
    }
  }
  if (this._handle !== null) {
    detach(this._handle);
    op_net_server_close(this._handle);
    this._handle = null;
  }
  this._listening = false;
  this._closing = true;
  this._emitCloseIfDrained();
  return this;
};

Server.prototype[Symbol.asyncDispose] = function () {
  return new Promise((resolve, reject) => {
    if (!this._listening) { resolve(); return; }
    this.close((err) => (err ? reject(err) : resolve()));
  });
};

Server.prototype.getConnections = function (cb) {
  process.nextTick(cb, null, this._connections);
  return this;
};

Server.prototype.ref = function () {
  this._refd = true;
  if (this._handle !== null) op_net_ref(this._handle, true);
  return this;
};

Server.prototype.unref = function () {
  this._refd = false;
  if (this._handle !== null) op_net_ref(this._handle, false);
  return this;
};

export function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

// ---- SocketAddress / BlockList ----

export class SocketAddress {
  #address; #port; #family; #flowlabel;
  constructor(options = {}) {
    validateObject(options, 'options');
    const { family = 'ipv4', port = 0, flowlabel = 0 } = options;
    const fam = String(family).toLowerCase();
    if (fam !== 'ipv4' && fam !== 'ipv6') throw new codes.ERR_INVALID_ARG_VALUE('options.family', family);
    const address = options.address ?? (fam === 'ipv4' ? '127.0.0.1' : '::');
    if ((fam === 'ipv4' && !isIPv4(address)) || (fam === 'ipv6' && !isIPv6(address))) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.address', address);
    }
    this.#address = address;
    this.#port = validatePort(port, 'options.port');
    this.#family = fam;
    this.#flowlabel = flowlabel;
  }
  get address() { return this.#address; }
  get port() { return this.#port; }
  get family() { return this.#family; }
  get flowlabel() { return this.#flowlabel; }
  toJSON() { return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel }; }
  static isSocketAddress(v) { return v instanceof SocketAddress; }
  static parse(input) {
    const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(input);
    if (!m) return undefined;
    const address = m[1] ?? m[2];
    const family = isIPv6(address) ? 'ipv6' : isIPv4(address) ? 'ipv4' : null;
    if (!family) return undefined;
    return new SocketAddress({ address, port: m[3] ? Number(m[3]) : 0, family });
  }
}

function toNum(address, family) {
  if (address instanceof SocketAddress) { family = address.family; address = address.address; }
  family = String(family || 'ipv4').toLowerCase();
  if (family === 'ipv4') {
    if (!isIPv4(address)) throw new codes.ERR_INVALID_ARG_VALUE('address', address);
    return [v4ToBigInt(address), 'ipv4'];
  }
  if (!isIPv6(address)) throw new codes.ERR_INVALID_ARG_VALUE('address', address);
  return [v6ToBigInt(address), 'ipv6'];
}

function mapped(n, family) {
  // ::ffff:a.b.c.d compares as the IPv4 address.
  if (family === 'ipv6' && (n >> 32n) === 0xffffn) return [n & 0xffffffffn, 'ipv4'];
  return [n, family];
}

export class BlockList {
  #rules = [];
  addAddress(address, family = 'ipv4') {
    const [n, f] = toNum(address, family);
    this.#rules.push({ type: 'address', f, lo: n, hi: n, text: `Address: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${address instanceof SocketAddress ? address.address : address}` });
  }
  addRange(start, end, family = 'ipv4') {
    const [a, f] = toNum(start, family);
    const [b] = toNum(end, family);
    if (a > b) throw new codes.ERR_INVALID_ARG_VALUE('start', start, 'must come before end');
    this.#rules.push({ type: 'range', f, lo: a, hi: b, text: `Range: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${start instanceof SocketAddress ? start.address : start}-${end instanceof SocketAddress ? end.address : end}` });
  }
  addSubnet(network, prefix, family = 'ipv4') {
    const [n, f] = toNum(network, family);
    const bits = f === 'ipv4' ? 32n : 128n;
    validateNumber(prefix, 'prefix', 0, Number(bits));
    const host = bits - BigInt(prefix);
    const lo = (n >> host) << host;
    const hi = lo | ((1n << host) - 1n);
    this.#rules.push({ type: 'subnet', f, lo, hi, text: `Subnet: ${f === 'ipv4' ? 'IPv4' : 'IPv6'} ${network instanceof SocketAddress ? network.address : network}/${prefix}` });
  }
  check(address, family = 'ipv4') {
    let n; let f;
    try { [n, f] = toNum(address, family); } catch { return false; }
    const [mn, mf] = mapped(n, f);
    return this.#rules.some((r) => (r.f === f && n >= r.lo && n <= r.hi) || (r.f === mf && mn >= r.lo && mn <= r.hi));
  }
  get rules() { return this.#rules.map((r) => r.text).reverse(); }
  static isBlockList(v) { return v instanceof BlockList; }
}

export function getDefaultAutoSelectFamily() { return autoSelectFamilyDefault; }
export function setDefaultAutoSelectFamily(v) { autoSelectFamilyDefault = Boolean(v); }
export function getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeoutDefault; }
export function setDefaultAutoSelectFamilyAttemptTimeout(v) {
  validateNumber(v, 'value', 1);
  autoSelectFamilyAttemptTimeoutDefault = v < 10 ? 10 : v;
}

export default {
  Socket, Stream, Server, connect, createConnection, createServer, isIP, isIPv4, isIPv6,
  BlockList, SocketAddress, _normalizeArgs, getDefaultAutoSelectFamily, setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout, setDefaultAutoSelectFamilyAttemptTimeout,
};
