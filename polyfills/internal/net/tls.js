// TLS sockets and servers for node:tls and node:https, over rustls in Rust (ops/tls.rs). The
// handshake happens inside the connect/accept op; what JS gets back is an ordinary node:net
// socket handle carrying plaintext, so a TLSSocket is a net.Socket plus the session facts
// (protocol, cipher, ALPN, authorization). The TCP connect/listen is --allow-net checked.
//
// Not built (they throw ERR_NOT_IMPLEMENTED naming themselves): client certificates (cert, key,
// pfx on connect; requestCert on servers), TLS over an existing socket or a Unix socket,
// checkServerIdentity, SNICallback, sessions/tickets/renegotiation, getPeerCertificate.
import { op_tls_connect, op_tls_listen } from 'atoll:ops';
import { Buffer } from 'node:buffer';
import net from 'node:net';
import process from 'node:process';
import { codes, exceptionWithHostPort } from '../errors.js';
import { validatePort } from '../validators.js';
import { ensureNet } from './handles.js';

const EV_TLS_CLIENT_ERROR = 5;

function notImplemented(what) {
  return new codes.ERR_NOT_IMPLEMENTED(what);
}

// `ca`/`cert`/`key`: a PEM string or Buffer, or an array of them -> one PEM string.
function pemOption(value, name) {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i) => {
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
    throw new codes.ERR_INVALID_ARG_TYPE(Array.isArray(value) ? `${name}[${i}]` : name,
      ['string', 'Buffer', 'TypedArray', 'DataView'], v);
  }).join('\n');
}

function alpnOption(value) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.ALPNProtocols', ['Array'], value);
  }
  return value.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')));
}

export function TLSSocket(socket, options) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, options);
  if (socket) throw notImplemented('new tls.TLSSocket(socket) (TLS over an existing socket)');
  net.Socket.call(this, options);
  this.encrypted = true;
  this.authorized = false;
  this.authorizationError = null;
  this.alpnProtocol = false;
  this.servername = null;
  this._tlsSession = null;
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
Object.setPrototypeOf(TLSSocket, net.Socket);

// session: [protocol, cipher, alpn|null, authorizationError code|null, message|null]
TLSSocket.prototype._setSession = function (session) {
  this._tlsSession = session;
  this.alpnProtocol = session[2] ?? false;
};

TLSSocket.prototype._onSecure = function () {
  this.emit('secureConnect');
};

TLSSocket.prototype.getProtocol = function () {
  return this._tlsSession ? this._tlsSession[0] : null;
};

// session[1]: [OpenSSL name, IANA name].
TLSSocket.prototype.getCipher = function () {
  if (!this._tlsSession) return undefined;
  const [name, standardName] = this._tlsSession[1] || [];
  return { name, standardName, version: this._tlsSession[0] };
};

TLSSocket.prototype.isSessionReused = function () { return false; };

for (const name of ['getPeerCertificate', 'getCertificate', 'getSession', 'getTLSTicket',
  'renegotiate', 'exportKeyingMaterial', 'setMaxSendFragment', 'getEphemeralKeyInfo',
  'getFinished', 'getPeerFinished', 'getSharedSigalgs', 'disableRenegotiation',
  'enableTrace', 'setSession']) {
  TLSSocket.prototype[name] = function () { throw notImplemented(`tlsSocket.${name}()`); };
}

function tlsConnectError(err, host, port, servername) {
  if (!err || err.code === 'ERR_ACCESS_DENIED') return err;
  if (err.syscall === 'getaddrinfo') {
    const e = new Error(`getaddrinfo ${err.code} ${host}`);
    e.errno = err.errno;
    e.code = err.code;
    e.syscall = 'getaddrinfo';
    e.hostname = host;
    return e;
  }
  if (typeof err.errno === 'number') {
    const address = net.isIP(host) ? host : (host === 'localhost' ? '127.0.0.1' : host);
    return exceptionWithHostPort({ errno: err.errno, code: err.code, syscall: err.syscall || 'connect', address, port });
  }
  if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    err.reason = err.message.replace(/^Hostname\/IP does not match certificate's altnames: /, '');
    err.host = servername;
  }
  return err;
}

// connect(options[, cb]) / connect(port[, host][, options][, cb]) / connect(path[, options][, cb])
function normalizeConnectArgs(args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  let options = {};
  if (typeof args[0] === 'object' && args[0] !== null) {
    options = { ...args[0] };
  } else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) {
    options = { ...args[1], path: args[0] };
  } else {
    options = { port: args[0] };
    if (typeof args[1] === 'string') options = { ...args[2], ...options, host: args[1] };
    else if (typeof args[1] === 'object' && args[1] !== null) options = { ...args[1], ...options };
  }
  return [options, cb];
}

export function connect(...args) {
  const [options, cb] = normalizeConnectArgs(args);
  if (options.socket) throw notImplemented('tls.connect({ socket }) (TLS over an existing socket)');
  if (options.path !== undefined && options.path !== null) throw notImplemented('tls.connect({ path }) (TLS over a Unix socket)');
  if (options.cert || options.key || options.pfx) throw notImplemented('tls.connect() client certificates (cert, key, pfx)');
  if (options.checkServerIdentity) throw notImplemented('tls.connect({ checkServerIdentity })');
  const host = options.host || options.hostname || 'localhost';
  const port = validatePort(options.port ?? 443, 'options.port');
  // Node verifies against servername || host, and sends SNI only for names (rustls too).
  const servername = options.servername || host;
  const rejectUnauthorized = options.rejectUnauthorized !== undefined
    ? options.rejectUnauthorized !== false
    : process.env.NODE_TLS_REJECT_UNAUTHORIZED !== '0';
  const ca = pemOption(options.ca, 'options.ca');
  const alpn = alpnOption(options.ALPNProtocols);
  const socket = new TLSSocket(null, options);
  socket.servername = net.isIP(servername) ? null : servername;
  if (cb) socket.once('secureConnect', cb);
  if (options.timeout) socket.setTimeout(options.timeout);
  socket.connecting = true;
  socket._pendingConnect = true;
  socket._host = host;
  ensureNet();
  op_tls_connect(host, port, servername, rejectUnauthorized, ca, alpn).then(([id, local, remote, session]) => {
    socket._setSession(session);
    if (session[3] === null) {
      socket.authorized = true;
    } else {
      socket.authorized = false;
      socket.authorizationError = session[3];
    }
    socket._onConnected(id, [local, remote], options);
  }, (err) => {
    socket._pendingConnect = false;
    socket.connecting = false;
    socket.destroy(tlsConnectError(err, host, port, servername));
  });
  return socket;
}

// Makes `server` (a net.Server or http.Server) a TLS server: it listens through op_tls_listen
// and its connections are TLSSockets that arrive handshaken.
export function setupTlsServer(server, options) {
  if (options.pfx) throw notImplemented('tls.createServer({ pfx })');
  if (options.requestCert) throw notImplemented('tls.createServer({ requestCert }) (client certificates)');
  if (options.SNICallback) throw notImplemented('tls.createServer({ SNICallback })');
  const material = {
    cert: pemOption(options.cert, 'options.cert'),
    key: pemOption(options.key, 'options.key'),
    ALPNProtocols: alpnOption(options.ALPNProtocols),
  };
  server._tlsMaterial = material;
  server._listenOp = (host, address, port, backlog) => {
    if (material.cert === undefined || material.key === undefined) {
      throw new codes.ERR_INVALID_ARG_VALUE('options', options, 'must have a key and a cert (PEM)');
    }
    return op_tls_listen(host, address, port, backlog, material);
  };
  server._makeSocket = (socketOptions, session) => {
    const socket = new TLSSocket(null, socketOptions);
    socket._setSession(session);
    socket.server = server;
    return socket;
  };
  const onHandleEvent = server._onHandleEvent;
  server._onHandleEvent = function (kind, payload) {
    if (kind === EV_TLS_CLIENT_ERROR) {
      // [code, message, remote]: a handshake that failed before the connection was handed over.
      const err = new Error(payload[1]);
      err.code = payload[0];
      if (this.listenerCount('tlsClientError') > 0) this.emit('tlsClientError', err, undefined);
      return;
    }
    onHandleEvent.call(this, kind, payload);
  };
  server.setSecureContext = () => { throw notImplemented('server.setSecureContext()'); };
  server.addContext = () => { throw notImplemented('server.addContext()'); };
}

export function Server(options, secureConnectionListener) {
  if (!(this instanceof Server)) return new Server(options, secureConnectionListener);
  if (typeof options === 'function') {
    secureConnectionListener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  }
  net.Server.call(this, options);
  setupTlsServer(this, options);
  if (secureConnectionListener) this.on('secureConnection', secureConnectionListener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

export function createServer(options, listener) {
  return new Server(options, listener);
}
