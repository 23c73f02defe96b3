// node:https — node:http's client and server over node:tls (rustls, see internal/net/tls.js).
// The https Agent pools TLS sockets per host, port and TLS options.
import { Agent as HttpAgent, ClientRequest } from '../internal/http/client.js';
import { Server as HttpServer } from '../internal/http/server.js';
import { connect as tlsConnect, setupTlsServer } from '../internal/net/tls.js';

export class Agent extends HttpAgent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }

  createConnection(options, cb) {
    const socket = tlsConnect(options);
    if (typeof cb === 'function') {
      socket.once('secureConnect', () => cb(null, socket));
      socket.once('error', (err) => cb(err));
    }
    return socket;
  }

  // Sockets with different TLS settings are never shared (Node appends the same fields).
  getName(options = {}) {
    let name = super.getName(options);
    name += ':';
    if (options.ca) name += options.ca;
    name += ':';
    if (options.servername && options.servername !== options.host) name += options.servername;
    name += ':';
    if (options.rejectUnauthorized !== undefined) name += options.rejectUnauthorized;
    if (options.ALPNProtocols) name += `:${options.ALPNProtocols}`;
    return name;
  }
}

export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

export function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  }
  HttpServer.call(this, options, requestListener);
  setupTlsServer(this, options);
}
Object.setPrototypeOf(Server.prototype, HttpServer.prototype);
Object.setPrototypeOf(Server, HttpServer);

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

export function request(input, options, cb) {
  if (typeof input === 'string' || input instanceof URL) {
    if (typeof options === 'function') {
      cb = options;
      options = undefined;
    }
    return new ClientRequest(input, { ...options, _defaultAgent: globalAgent }, cb);
  }
  return new ClientRequest({ ...input, _defaultAgent: globalAgent }, options);
}

export function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

export default { Agent, globalAgent, Server, createServer, request, get };
