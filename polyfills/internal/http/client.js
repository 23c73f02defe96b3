// http.ClientRequest and http.Agent: requests over pooled node:net sockets, responses parsed by
// the same framing ops as the server (ops/http.rs).
import {
  op_http_parser_new, op_http_parser_execute, op_http_parser_finish, op_http_parser_free,
  op_http_parser_reset, op_http_parser_no_body,
} from 'atoll:ops';
import { Buffer } from 'node:buffer';
import EventEmitter from 'node:events';
import net from 'node:net';
import process from 'node:process';
import { codes, nodeError, AbortError } from '../errors.js';
import { validateHeaderName, validateHeaderValue, checkIsHttpToken } from './common.js';
import { OutgoingMessage } from './outgoing.js';
import { IncomingMessage } from './incoming.js';

const kParser = Symbol('httpParser');

export class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = { __proto__: null, ...options };
    if (this.options.noDelay === undefined) this.options.noDelay = true;
    this.options.path = null;
    this.requests = Object.create(null);
    this.sockets = Object.create(null);
    this.freeSockets = Object.create(null);
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || 'lifo';
    this.maxTotalSockets = this.options.maxTotalSockets ?? Infinity;
    this.totalSocketCount = 0;
    this.on('free', (socket, options) => this._onFree(socket, options));
  }

  getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    if (options.socketPath) name += `:${options.socketPath}`;
    return name;
  }

  _onFree(socket, options) {
    const name = this.getName(options);
    const queue = this.requests[name];
    if (socket.writable && queue && queue.length) {
      const req = queue.shift();
      if (!queue.length) delete this.requests[name];
      socket.ref();
      req.onSocket(socket, true);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive || socket.destroyed) {
      socket.destroy();
      return;
    }
    const free = this.freeSockets[name] || (this.freeSockets[name] = []);
    if (free.length >= this.maxFreeSockets || !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    removeSocket(this.sockets, name, socket);
    socket._httpMessage = null;
    free.push(socket);
  }

  keepSocketAlive(socket) {
    socket.setKeepAlive(true, this.keepAliveMsecs);
    socket.unref();
    const t = this.options.timeout ?? 0;
    if (t > 0) socket.setTimeout(t);
    return true;
  }

  reuseSocket(socket, req) {
    socket.removeAllListeners('timeout');
    socket.setTimeout(0);
    socket.ref();
  }

  addRequest(req, options) {
    options = { __proto__: null, ...options, ...this.options, ...options };
    if (typeof options.port !== 'number') options.port = Number(options.port) || this.defaultPort;
    const name = this.getName(options);
    req._agentOptions = options;
    const free = this.freeSockets[name];
    while (free && free.length) {
      const socket = this.scheduling === 'fifo' ? free.shift() : free.pop();
      if (!free.length) delete this.freeSockets[name];
      if (socket.destroyed) continue;
      (this.sockets[name] || (this.sockets[name] = [])).push(socket);
      this.reuseSocket(socket, req);
      req.reusedSocket = true;
      req.onSocket(socket, true);
      return;
    }
    const count = (this.sockets[name] || []).length;
    if (count < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
      this.createSocket(req, options, (err, socket) => {
        if (err) req.onSocket(socket, err);
        else req.onSocket(socket);
      });
    } else {
      (this.requests[name] || (this.requests[name] = [])).push(req);
    }
  }

  createConnection(options, cb) {
    return net.createConnection(options, cb);
  }

  createSocket(req, options, cb) {
    const name = this.getName(options);
    options = { __proto__: null, ...options, _agentKey: name, path: options.socketPath ?? null };
    if (options.path === null) delete options.path;
    if (!options.servername && options.host && !net.isIP(options.host)) options.servername = options.host;
    const socket = this.createConnection(options);
    this.totalSocketCount++;
    (this.sockets[name] || (this.sockets[name] = [])).push(socket);
    const onClose = () => {
      removeSocket(this.sockets, name, socket);
      removeSocket(this.freeSockets, name, socket);
      this.totalSocketCount--;
      const queue = this.requests[name];
      if (queue && queue.length && (this.sockets[name] || []).length < this.maxSockets) {
        const next = queue.shift();
        if (!queue.length) delete this.requests[name];
        this.createSocket(next, options, (err, s) => next.onSocket(s, err));
      }
    };
    socket.once('close', onClose);
    socket.on('timeout', () => {
      const free = this.freeSockets[name];
      if (free && free.includes(socket)) socket.destroy();
    });
    socket.on('error', () => {
      const free = this.freeSockets[name];
      if (free && free.includes(socket)) socket.destroy();
    });
    cb(null, socket);
  }

  destroy() {
    for (const set of [this.freeSockets, this.sockets]) {
      for (const list of Object.values(set)) for (const s of list) s.destroy();
    }
  }
}
Agent.defaultMaxSockets = Infinity;

function removeSocket(map, name, socket) {
  const list = map[name];
  if (!list) return;
  const i = list.indexOf(socket);
  if (i !== -1) list.splice(i, 1);
  if (!list.length) delete map[name];
}

export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

export function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    input = urlToHttpOptions(new URL(input));
  } else if (input instanceof URL) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = { ...input, ...options };
  }
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) agent = new defaultAgent.constructor();
  else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
  }
  this.agent = agent;
  const protocol = options.protocol || defaultAgent.protocol;
  const expectedProtocol = (agent && agent.protocol) || defaultAgent.protocol;
  if (protocol !== expectedProtocol) {
    throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${expectedProtocol}"`);
  }
  const defaultPort = options.defaultPort || (agent && agent.defaultPort) || 80;
  const port = options.port = Number(options.port) || defaultPort;
  const host = options.host = options.hostname || options.host || 'localhost';
  this.timeout = options.timeout;
  this.socketPath = options.socketPath;
  this.path = options.path || '/';
  if (/[\u0000-\u0020]/.test(this.path)) {
    throw nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  }
  if (cb) this.once('response', cb);
  let method = options.method;
  if (method != null && method !== '' && !checkIsHttpToken(method)) {
    throw new codes.ERR_INVALID_HTTP_TOKEN('Method', method);
  }
  method = this.method = (method || 'GET').toUpperCase();
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeaderSize = options.maxHeaderSize;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(method);
  if (method === 'HEAD') this._hasBody = true;
  this._ended = false;
  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) {
      for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    }
    if (host && !this.getHeader('host') && options.setHost !== false) {
      let hostHeader = host;
      if (hostHeader.includes(':') && !hostHeader.startsWith('[')) hostHeader = `[${hostHeader}]`;
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    }
  }
  this.shouldKeepAlive = Boolean(agent && agent.keepAlive);
  this._rawHeaders = headersArray ? options.headers : null;
  if (options.signal) {
    const { signal } = options;
    const onAbort = () => this.destroy(new AbortError(undefined, { cause: signal.reason }));
    if (signal.aborted) process.nextTick(onAbort);
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  if (this.timeout !== undefined) this.setTimeout(this.timeout);
  const optsWithoutSignal = { __proto__: null, ...options, signal: undefined };
  if (agent) {
    agent.addRequest(this, optsWithoutSignal);
  } else if (typeof options.createConnection === 'function') {
    const s = options.createConnection(optsWithoutSignal, (err, sock) => {
      if (err) process.nextTick(() => this.emit('error', err));
      else this.onSocket(sock);
    });
    if (s) this.onSocket(s);
  } else {
    this.onSocket(net.createConnection(optsWithoutSignal));
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._implicitHeader = function () {
  if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this._rawHeaders || this._headers);
};

ClientRequest.prototype.abort = function () {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(() => this.emit('abort'));
  this.destroy();
};

ClientRequest.prototype.destroy = function (err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  if (this.socket) this.socket.destroy(err);
  else if (err) process.nextTick(() => { this.emit('error', err); this.emit('close'); });
  else process.nextTick(() => this.emit('close'));
  return this;
};
const kError = Symbol('kError');

ClientRequest.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.once('timeout', callback);
  const arm = (socket) => {
    socket.setTimeout(msecs);
    if (!socket._reqTimeoutHooked) {
      socket._reqTimeoutHooked = true;
      socket.on('timeout', () => { if (socket._httpMessage) socket._httpMessage.emit('timeout'); });
    }
  };
  if (this.socket) arm(this.socket);
  else this.once('socket', arm);
  return this;
};

ClientRequest.prototype.setNoDelay = function (v) {
  if (this.socket) this.socket.setNoDelay(v); else this.once('socket', (s) => s.setNoDelay(v));
};
ClientRequest.prototype.setSocketKeepAlive = function (e, d) {
  if (this.socket) this.socket.setKeepAlive(e, d); else this.once('socket', (s) => s.setKeepAlive(e, d));
};

ClientRequest.prototype.onSocket = function (socket, err) {
  process.nextTick(() => {
    if (err instanceof Error) {
      this.emit('error', err);
      return;
    }
    if (this.destroyed) {
      socket.destroy();
      if (!this._closeEmitted) { this._closeEmitted = true; this.emit('close'); }
      return;
    }
    tickOnSocket(this, socket);
  });
};

function tickOnSocket(req, socket) {
  let parser = socket[kParser];
  if (parser === undefined) {
    parser = socket[kParser] = op_http_parser_new(true);
    socket.once('close', () => op_http_parser_free(parser));
  } else {
    op_http_parser_reset(parser, true);
  }
  if (req.method === 'HEAD') op_http_parser_no_body(parser);
  req.socket = socket;
  socket._httpMessage = req;
  req.parser = parser;
  const onData = (d) => {
    let events;
    try {
      events = op_http_parser_execute(parser, d);
    } catch (e) {
      cleanup();
      socket.destroy();
      req.emit('error', e);
      return;
    }
    handleResponseEvents(req, socket, events, cleanup);
  };
  const onEnd = () => {
    let events = [];
    try { events = op_http_parser_finish(parser); } catch { /* hang up below */ }
    handleResponseEvents(req, socket, events, cleanup);
    if (!req.res && !req._hadError) {
      req._hadError = true;
      req.emit('error', connResetException('socket hang up'));
    }
    socket.destroy();
  };
  const onError = (err) => {
    if (req._hadError) return;
    req._hadError = true;
    if (req.res && !req.res.complete) {
      req.res.destroy(err);
    } else {
      req.emit('error', err);
    }
  };
  const onClose = () => {
    cleanup();
    const res = req.res;
    if (res) {
      if (!res.complete) {
        res.aborted = true;
        res.emit('aborted');
        res.destroy(connResetException('aborted'));
      }
    } else if (!req._hadError) {
      req._hadError = true;
      req.emit('error', connResetException('socket hang up'));
    }
    if (!req._closeEmitted) { req._closeEmitted = true; req.emit('close'); }
  };
  function cleanup() {
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('error', onError);
    socket.removeListener('close', onClose);
  }
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onClose);
  if (socket.isPaused()) socket.resume();
  req.emit('socket', socket);
  if (socket.connecting) {
    socket.once('connect', () => req._flush());
  } else {
    req._flush();
  }
}

function connResetException(msg) {
  const err = new Error(msg);
  err.code = 'ECONNRESET';
  return err;
}

function handleResponseEvents(req, socket, events, cleanup) {
  for (const ev of events) {
    switch (ev[0]) {
      case 0: {
        const [, , , minor, raw, keepAlive, upgrade, status, reason] = ev;
        const res = new IncomingMessage(socket);
        res.httpVersionMajor = 1;
        res.httpVersionMinor = minor;
        res.httpVersion = `1.${minor}`;
        res.rawHeaders = raw;
        res.statusCode = status;
        res.statusMessage = reason;
        res.req = req;
        res.upgrade = upgrade;
        if (status >= 100 && status < 200 && status !== 101) {
          if (status === 100) req.emit('continue');
          req.emit('information', {
            statusCode: status, statusMessage: reason, httpVersion: res.httpVersion,
            httpVersionMajor: 1, httpVersionMinor: minor, headers: res.headers, rawHeaders: raw,
          });
          break;
        }
        req.res = res;
        req._keepAliveResponse = keepAlive;
        if (upgrade) break;
        res._onRead = () => { if (socket.isPaused()) socket.resume(); };
        if (req.aborted || !req.emit('response', res)) {
          if (!req.aborted) res._dump();
        }
        break;
      }
      case 1: {
        const res = req.res;
        if (res && !res._dumped) {
          const b = ev[1];
          if (!res.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) socket.pause();
        }
        break;
      }
      case 2: {
        const res = req.res;
        if (!res) break;
        res.complete = true;
        res.push(null);
        responseDone(req, socket, cleanup);
        break;
      }
      case 3: {
        cleanup();
        const res = req.res;
        socket._httpMessage = null;
        const head = Buffer.from(ev[1].buffer, ev[1].byteOffset, ev[1].byteLength);
        const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
        if (req.listenerCount(event) > 0) {
          req.upgradeOrConnect = true;
          req.emit(event, res, socket, head);
          req._closeEmitted = true;
          req.emit('close');
        } else {
          socket.destroy();
        }
        return;
      }
      default: break;
    }
  }
}

function responseDone(req, socket, cleanup) {
  const keep = req.shouldKeepAlive && req._keepAliveResponse && !req._last;
  const finishUp = () => {
    cleanup();
    if (!req._closeEmitted) {
      req._closeEmitted = true;
      process.nextTick(() => req.emit('close'));
    }
    if (keep && req.agent) {
      socket.removeAllListeners('timeout');
      socket._reqTimeoutHooked = false;
      socket.setTimeout(0);
      req.agent.emit('free', socket, req._agentOptions);
    } else {
      socket._httpMessage = null;
      socket.destroySoon ? socket.destroySoon() : socket.end();
    }
  };
  if (req.writableFinished || req.finished) {
    if (req.writableFinished) finishUp();
    else req.once('finish', finishUp);
  } else {
    // Response before the request body ended (e.g. an early error reply): stop the request.
    finishUp();
  }
}

export function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

export function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}
